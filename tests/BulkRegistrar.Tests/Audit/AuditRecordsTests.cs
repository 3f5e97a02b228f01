using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Audit;

public class AuditRecordsTests
{
    private const string User = "ada@contoso.com";

    private static JudgedCell Cell(MethodCheck check) => new(7, User, RowAction.Register, check);

    [Fact]
    public void A_usable_cell_becomes_a_valid_record_with_everything_validation_said()
    {
        var record = AuditRecords.Of(Cell(new MethodCheck(MethodKind.Mobile, "020 7946 0018", "+44 2079460018", Warning: "landline")));

        Assert.Equal(new AuditRecord(7, User, MethodKind.Mobile, "020 7946 0018", "+44 2079460018", Outcome.Valid, Warning: "landline"), record);
    }

    [Fact]
    public void A_refused_cell_is_invalid_and_a_skipped_one_is_skipped_keeping_its_value()
    {
        var refused = AuditRecords.Of(Cell(new MethodCheck(MethodKind.Email, "a@", null, ErrorCodes.InvalidEmail, "bad")));
        var skipped = AuditRecords.Of(Cell(new MethodCheck(MethodKind.Mobile, "+44 7400 123456", "+44 7400123456").Skip(ErrorCodes.DuplicateRow,
            "Same as line 2.")));

        Assert.Equal((Outcome.Invalid, ErrorCodes.InvalidEmail, "bad"), (refused.Outcome, refused.Error, refused.Message));
        Assert.Equal((Outcome.Skipped, ErrorCodes.DuplicateRow, "+44 7400123456"), (skipped.Outcome, skipped.Error, skipped.Normalized));
    }

    [Fact]
    public void A_row_that_names_no_method_is_one_none_record_saying_NothingToDo()
    {
        var records = AuditRecords.Of(new JudgedRow(new ValidatedRow(3, User, RowAction.Register, []))).ToList();

        var record = Assert.Single(records);
        Assert.Equal((3, MethodKind.None, Outcome.Invalid, ErrorCodes.NothingToDo), (record.Line, record.Method, record.Outcome, record.Error));
    }
}

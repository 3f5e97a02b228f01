using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class JudgedRowTests
{
    private static readonly MethodCheck Mobile = new(MethodKind.Mobile, "+44 7400 123456", "+44 7400123456");
    private static readonly MethodCheck Email = new(MethodKind.Email, "a@x.com", "a@x.com");

    private static ValidatedRow Row(params MethodCheck[] checks) => new(9, "Ada@X.com", RowAction.Remove, checks);

    [Fact]
    public void Cells_carry_their_rows_line_user_and_action_and_are_otherwise_the_validators_checks()
    {
        var cells = new JudgedRow(Row(Mobile, Email)).Cells.ToList();

        Assert.Equal([new JudgedCell(9, "Ada@X.com", RowAction.Remove, Mobile), new JudgedCell(9, "Ada@X.com", RowAction.Remove, Email)], cells);
    }

    [Fact]
    public void Only_the_repeated_method_of_a_duplicate_row_is_skipped_naming_the_first_line()
    {
        var cells = new JudgedRow(Row(Mobile, Email), DuplicateOf: new Dictionary<MethodKind, int> { [MethodKind.Mobile] = 4 }).Cells.ToList();

        Assert.True(cells[0].Check.Skipped);
        Assert.Equal(ErrorCodes.DuplicateRow, cells[0].Check.Error);
        Assert.Contains("line 4", cells[0].Check.Message, StringComparison.Ordinal);
        Assert.Equal(Email, cells[1].Check);
    }

    [Fact]
    public void Every_cell_of_a_conflicting_row_is_a_refused_DuplicateUser_naming_the_other_lines()
    {
        var cells = new JudgedRow(Row(Mobile, Email), ConflictLines: [2, 5]).Cells.ToList();

        Assert.All(cells, c =>
        {
            Assert.Equal((ErrorCodes.DuplicateUser, false), (c.Check.Error, c.Check.Skipped));
            Assert.Contains("lines 2, 5", c.Check.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_row_level_error_is_the_rows_only_cell_with_method_none()
    {
        var row = new ValidatedRow(3, "x", RowAction.Register, [], ErrorCodes.InvalidUser, "bad user");

        var cell = Assert.Single(new JudgedRow(row).Cells);

        Assert.Equal(new MethodCheck(MethodKind.None, null, null, ErrorCodes.InvalidUser, "bad user"), cell.Check);
    }
}

using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class DuplicateResolverTests
{
    private static ValidatedRow Row(int line, string user, params (MethodKind Method, string Value)[] methods) =>
        new(line, user, RowAction.Register, methods.Select(m => new MethodCheck(m.Method, m.Value, m.Value)).ToList());

    private static List<UserRows> Resolve(params ValidatedRow[] rows)
    {
        var index = DuplicateIndex.Build(rows.Select(r => TestRow.Of(r.Line, r.User)));
        var resolver = new DuplicateResolver(index);
        var groups = rows.SelectMany(resolver.Accept).ToList();
        groups.AddRange(resolver.Finish());
        return groups;
    }

    private static List<AuditRecord> Records(List<UserRows> groups) =>
        groups.SelectMany(g => g.Rows).SelectMany(AuditRecords.Of).OrderBy(r => r.Line).ToList();

    [Fact]
    public void Rows_for_different_users_are_released_immediately_one_group_each()
    {
        var index = DuplicateIndex.Build([TestRow.Of(2, "a@x.com"), TestRow.Of(3, "b@x.com")]);
        var resolver = new DuplicateResolver(index);
        Assert.Single(resolver.Accept(Row(2, "a@x.com", (MethodKind.Mobile, "+44 7400123456"))));
        Assert.Single(resolver.Accept(Row(3, "b@x.com", (MethodKind.Mobile, "+44 7400123457"))));
    }

    [Fact]
    public void Same_user_with_different_numbers_makes_every_row_invalid_naming_the_other_lines()
    {
        var records = Records(Resolve(
            Row(2, "Noah@Contoso.com", (MethodKind.Mobile, "+1 3125550103")),
            Row(5, "x@contoso.com", (MethodKind.Mobile, "+1 3125550100")),
            Row(9, "noah@contoso.com", (MethodKind.Mobile, "+1 3125550199"))));

        Assert.Equal([2, 5, 9], records.Select(r => r.Line));
        Assert.All(records.Where(r => r.Line != 5), r =>
        {
            Assert.Equal(Outcome.Invalid, r.Outcome);
            Assert.Equal("DuplicateUser", r.Error);
        });
        Assert.Contains("line 9", records[0].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", records[2].Message, StringComparison.Ordinal);
        Assert.Equal(Outcome.Valid, records[1].Outcome);
    }

    [Fact]
    public void Identical_rows_keep_the_first_and_skip_the_rest_as_duplicate_rows()
    {
        var records = Records(Resolve(
            Row(3, "emma@contoso.com", (MethodKind.Mobile, "+1 2065550102")),
            Row(4, "EMMA@contoso.com", (MethodKind.Mobile, "+1 2065550102")),
            Row(7, "emma@contoso.com", (MethodKind.Mobile, "+1 2065550102"))));

        Assert.Equal(Outcome.Valid, records[0].Outcome);
        Assert.All(records.Skip(1), r =>
        {
            Assert.Equal(Outcome.Skipped, r.Outcome);
            Assert.Equal("DuplicateRow", r.Error);
            Assert.Contains("line 3", r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Long_form_rows_with_different_phone_types_merge_into_one_user()
    {
        var groups = Resolve(
            Row(2, "tom@contoso.com", (MethodKind.Mobile, "+49 1609988776")),
            Row(3, "tom@contoso.com", (MethodKind.AlternateMobile, "+49 1715566778")));

        var group = Assert.Single(groups);
        Assert.Equal(2, group.Rows.Count);
        Assert.All(Records(groups), r => Assert.Equal(Outcome.Valid, r.Outcome));
    }

    [Fact]
    public void Rows_with_a_row_level_error_take_no_part_in_the_duplicate_rules()
    {
        var bad = new ValidatedRow(3, "a@contoso.com", RowAction.Register, [], "NothingToDo", "fill a column");
        var records = Records(Resolve(Row(2, "a@contoso.com", (MethodKind.Mobile, "+44 7400123456")), bad));

        Assert.Equal(Outcome.Valid, records[0].Outcome);
        Assert.Equal("NothingToDo", records[1].Error);
        Assert.Equal(MethodKind.None, records[1].Method);
    }

    [Fact]
    public void Rows_of_one_user_that_give_different_object_ids_are_all_DuplicateUser()
    {
        var first = Row(2, "a@x.com", (MethodKind.Mobile, "+44 7400123456")) with { ObjectId = "72e63ac7-a953-4322-9f70-d5dc2e675fc7" };
        var second = Row(3, "a@x.com", (MethodKind.Office, "+44 2079460018")) with { ObjectId = "f3b08f69-32ac-4b62-bd4f-a08455a5b465" };

        var records = Records(Resolve(first, second));

        Assert.All(records, r => Assert.Equal(ErrorCodes.DuplicateUser, r.Error));
    }
}

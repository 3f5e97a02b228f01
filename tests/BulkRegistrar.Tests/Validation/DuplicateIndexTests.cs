using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

public class DuplicateIndexTests
{
    [Fact]
    public void A_repeated_user_gets_its_lines_in_file_order_however_many_users_sort_around_it()
    {
        // Enough users that the index's sort (not stable) moves many equal and unequal fingerprints around.
        var rows = Enumerable.Range(0, 5000).Select(i => TestRow.Of(i + 2, $"user{i}@contoso.com")).ToList();
        rows.Insert(1000, TestRow.Of(10_000, "User17@Contoso.com"));
        rows.Insert(3000, TestRow.Of(10_001, "user17@contoso.com"));
        rows.Add(TestRow.Of(10_002, "user4000@contoso.com"));
        rows.Add(TestRow.Of(10_003, null));

        var index = DuplicateIndex.Build(rows);

        Assert.Equal([19, 10_000, 10_001], index.LinesOf("USER17@contoso.com"));
        Assert.Equal([4002, 10_002], index.LinesOf("user4000@contoso.com"));
        Assert.Null(index.LinesOf("user18@contoso.com"));
        Assert.Equal(5004, index.RowCount);
    }
}

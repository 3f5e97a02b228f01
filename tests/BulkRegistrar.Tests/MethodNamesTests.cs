using BulkRegistrar.Methods;
using BulkRegistrar.Methods.Phones;

namespace BulkRegistrar.Tests;

public class MethodNamesTests
{
    [Fact]
    public void Every_method_kind_has_a_name_that_reads_back_as_that_kind()
    {
        Assert.All(Enum.GetValues<MethodKind>(), kind =>
        {
            Assert.True(MethodNames.TryParse(MethodNames.Of(kind), out var back));
            Assert.Equal(kind, back);
        });
    }

    [Fact]
    public void Every_method_kind_but_none_is_described_once_and_in_the_registry()
    {
        Assert.All(Enum.GetValues<MethodKind>().Where(k => k != MethodKind.None),
            kind => Assert.Equal(kind, Assert.Single(AuthMethods.All, m => m.Kind == kind).Kind));
        Assert.Null(AuthMethods.Find(MethodKind.None));
    }

    [Theory]
    [InlineData("mobile", "Mobile")]
    [InlineData("alternateMobile", "AlternateMobile")]
    [InlineData("office", "Office")]
    public void Graphs_phone_types_are_the_phone_kinds_names(string phoneType, string kind) =>
        Assert.Equal(Enum.Parse<MethodKind>(kind), PhoneMethod.Typed(phoneType)?.Kind);

    [Theory]
    [InlineData("email")]
    [InlineData("Mobile")]
    [InlineData("pager")]
    [InlineData(null)]
    public void Anything_else_is_not_a_phone_type(string? phoneType) => Assert.Null(PhoneMethod.Typed(phoneType));
}

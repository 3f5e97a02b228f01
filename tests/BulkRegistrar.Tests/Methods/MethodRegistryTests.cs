using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Privacy;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

public sealed class MethodRegistryTests
{
    [Fact]
    public void Every_folder_below_Methods_sees_every_description_in_registry_order()
    {
        var names = AuthMethods.All.Select(m => m.Name).ToList();

        Assert.Equal(names, MethodRegistry<IMethod>.All.Select(m => m.Name));
        Assert.Equal(names, MethodRegistry<IMethodColumns>.All.Select(m => m.Name));
        Assert.Equal(names, MethodRegistry<ICellRules>.All.Select(m => m.Name));
        Assert.Equal(names, MethodRegistry<IMaskedMethod>.All.Select(m => m.Name));
        Assert.Equal(names, MethodRegistry<IPlanRules>.All.Select(m => m.Name));
    }

    [Fact]
    public void A_kind_finds_its_own_description_and_the_row_level_kind_finds_none()
    {
        Assert.All(AuthMethods.All, m => Assert.Same(m, MethodRegistry<ICellRules>.Find(m.Kind)));
        Assert.Null(MethodRegistry<IPlanRules>.Find(MethodKind.None));
        Assert.Equal("none", MethodNames.Of(MethodKind.None));
    }

    [Fact]
    public void The_methods_are_registered_once()
    {
        Assert.Throws<InvalidOperationException>(() => MethodRegistry<IMethod>.Register(AuthMethods.All));
    }
}

using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Planning;

/// <summary>What a row asks of one method, as the planning and dispatch tests build it: the value is its own input.</summary>
internal static class Wanted
{
    public static DesiredMethod Want(MethodKind method, string? value, RowAction action = RowAction.Register, int line = 2) =>
        new(method, action, value, line, value);

    public static DesiredMethod Want(MethodKind method, string? value, int line) => Want(method, value, RowAction.Register, line);
}

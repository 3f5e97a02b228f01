using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// Splits a user's judged cells into what validation already settled (invalid, duplicate: they go to
/// the audit as they are) and the desired state that goes on to Graph. A number that failed only
/// for want of a region travels on too (<see cref="DesiredMethod.Value"/> null, <see cref="PendingRegion"/>):
/// the user's <c>usageLocation</c>, read from Graph, may supply it.
/// </summary>
internal static class DesiredStateBuilder
{
    public static UserWork Build(UserRows group)
    {
        var settled = new List<JudgedCell>();
        var wanted = new List<DesiredMethod>();
        var pending = new List<PendingRegion>();
        string? user = null;
        string? objectId = null;
        foreach (var judged in group.Rows)
        {
            var row = judged.Row;
            foreach (var cell in judged.Cells)
            {
                var check = cell.Check;
                if (check.IsValid && MethodRegistry<ICellRules>.Find(check.Method) is { RidesOn: { } on } rider && Refused(row, on))
                {
                    // A cell riding on another (SMS sign-in on the row's mobile): with that one refused, acting on it would act
                    // on whatever is registered.
                    var (error, message) = rider.RiderRefused;
                    settled.Add(cell with { Check = check.Skip(error, message) });
                }
                else if (check.IsValid)
                {
                    user ??= row.User;
                    objectId ??= row.ObjectId;
                    wanted.Add(Desired(cell, check.Normalized));
                }
                else if (check.Error == ErrorCodes.MissingRegion && row.User is not null)
                {
                    user ??= row.User;
                    objectId ??= row.ObjectId;
                    pending.Add(new PendingRegion(Desired(cell, null), cell));
                }
                else
                {
                    settled.Add(cell);
                }
            }
        }

        var desired = user is null ? null : new DesiredState(user, wanted) { ObjectId = objectId };
        return new UserWork(desired, settled, pending);
    }

    /// <summary>The row's cell of <paramref name="method"/> was refused, not only for want of a region (the tenant may supply one).</summary>
    private static bool Refused(ValidatedRow row, MethodKind method) =>
        row.Methods.Any(m => m.Method == method && !m.IsValid && m.Error != ErrorCodes.MissingRegion);

    /// <summary>
    /// The numbers that waited for a region, judged by validation with the user's <paramref name="usageLocation"/> as it: the
    /// usable ones join the desired state, the others are returned as the cells they now are (still no region, or not a number
    /// in that one), with why.
    /// </summary>
    public static (DesiredState Desired, IReadOnlyList<JudgedCell> Unusable) WithRegion(DesiredState desired, IReadOnlyList<PendingRegion> pending,
        string? usageLocation, RowValidator validation)
    {
        if (pending.Count == 0)
        {
            return (desired, []);
        }

        var methods = desired.Methods.ToList();
        var unusable = new List<JudgedCell>();
        foreach (var p in pending)
        {
            var judged = validation.WithRegion(p.Cell, usageLocation);
            if (judged.Check.IsValid)
            {
                methods.Add(p.Method with { Value = judged.Check.Normalized, Warning = judged.Check.Warning });
            }
            else
            {
                unusable.Add(judged);
            }
        }

        return (desired with { Methods = methods }, unusable);
    }

    private static DesiredMethod Desired(JudgedCell cell, string? value) =>
        new(cell.Check.Method, cell.Action, value, cell.Line, cell.Check.Input, cell.Check.Warning) { Secret = cell.Check.Secret };
}

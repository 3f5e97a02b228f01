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
            var refusedMobile = row.Methods.Any(m => m.Method == MethodKind.Mobile && !m.IsValid && m.Error != ErrorCodes.MissingRegion);
            foreach (var cell in judged.Cells)
            {
                var check = cell.Check;
                if (check.IsValid && check.Method == MethodKind.SmsSignIn && refusedMobile)
                {
                    // SMS sign-in rides on the row's mobile; with that number refused, changing it would act on whatever is registered.
                    settled.Add(cell with
                    {
                        Check = check.Skip(ErrorCodes.MobileNotRegistered, "SMS sign-in was not changed because this row's mobile number is invalid; fix the mobile first."),
                    });
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

    private static DesiredMethod Desired(JudgedCell cell, string? value) =>
        new(cell.Check.Method, cell.Action, value, cell.Line, cell.Check.Input, cell.Check.Warning);
}

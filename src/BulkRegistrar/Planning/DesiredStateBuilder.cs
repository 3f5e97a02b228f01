using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// Splits a user's judged rows into what validation already settled (invalid, duplicate: written to
/// the audit as they are) and the desired state that goes on to Graph. A number that failed only
/// for want of a region travels on too (<see cref="DesiredMethod.Value"/> null, <see cref="PendingRegion"/>):
/// the user's <c>usageLocation</c>, read from Graph, may supply it.
/// </summary>
internal static class DesiredStateBuilder
{
    public static UserWork Build(UserRows group)
    {
        var settled = new List<AuditRecord>();
        var wanted = new List<DesiredMethod>();
        var pending = new List<PendingRegion>();
        string? user = null;
        foreach (var judged in group.Rows)
        {
            var row = judged.Row;
            var invalidMobile = row.Methods.Any(m => m.Method == MethodKind.Mobile && !m.IsValid && m.Error != ErrorCodes.MissingRegion);
            foreach (var record in ValidationRecords.For(judged))
            {
                if (record.Outcome == Outcome.Valid && record.Method == MethodKind.SmsSignIn && invalidMobile)
                {
                    // SMS sign-in rides on the row's mobile; with that number refused, changing it would act on whatever is registered.
                    settled.Add(record with { Outcome = Outcome.Skipped, Error = "MobileNotRegistered", Message = "SMS sign-in was not changed because this row's mobile number is invalid; fix the mobile first." });
                }
                else if (record.Outcome == Outcome.Valid)
                {
                    user ??= row.User;
                    wanted.Add(new DesiredMethod(record.Method, row.Action, record.Normalized, record.Line, record.Input, record.Warning));
                }
                else if (record.Error == ErrorCodes.MissingRegion && record.Outcome == Outcome.Invalid && row.User is not null)
                {
                    user ??= row.User;
                    pending.Add(new PendingRegion(new DesiredMethod(record.Method, row.Action, null, record.Line, record.Input, record.Warning), record));
                }
                else
                {
                    settled.Add(record);
                }
            }
        }

        var desired = user is null ? null : new DesiredState(user, wanted);
        return new UserWork(desired, settled, pending);
    }
}

using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// --verify: after a user's writes, re-reads what they wrote (phones and SMS sign-in, e-mail, the pass) and
/// turns a write Graph answered with success but the tenant does not show into <c>Failed</c>/<c>VerifyMismatch</c>.
/// It runs when the user's writes are done rather than after the whole file, so memory stays flat on a large
/// file; the re-read waits out the read-after-write lag with <see cref="ReadBack"/>. A password reset is not
/// re-readable (Graph never shows a password); its operation's final status is its check.
/// </summary>
internal sealed class Verifier(GraphRequests requests, ReadBack readBack, VerifyStats stats)
{
    public sealed record Written(AuditRecord Record, PlannedOperation Op, string? TapId);

    public async Task RunAsync(string id, List<Written> written, UserRecords outcomes)
    {
        foreach (var group in written.Where(w => w.Op.Kind != OperationKind.ResetPassword).GroupBy(w => Source(w.Op)))
        {
            var request = group.Key switch
            {
                MethodKind.Email => (Func<Microsoft.Kiota.Abstractions.RequestInformation>)(() => requests.ListEmails(id)),
                MethodKind.TemporaryAccessPass => () => requests.ListTaps(id),
                _ => () => requests.ListPhones(id),
            };
            var (body, _, failed) = await readBack.UntilAsync(request, b => group.All(w => Shows(w, b)));
            foreach (var w in group)
            {
                var shown = body is not null && Shows(w, body);
                stats.Count(shown);
                if (!shown)
                {
                    outcomes.Replace(w.Record with
                    {
                        Outcome = Outcome.Failed,
                        Error = ErrorCodes.VerifyMismatch,
                        Message = body is null
                            ? $"{w.Record.Message} --verify could not re-read the tenant ({failed?.Status}), so this write is unconfirmed."
                            : $"{w.Record.Message} --verify: Graph answered success, but re-reading the tenant afterwards shows {Observed(w, body)}. Run the file again.",
                    });
                }
            }
        }
    }

    private static MethodKind Source(PlannedOperation op) => op.Kind switch
    {
        OperationKind.IssueTap => MethodKind.TemporaryAccessPass,
        OperationKind.EnableSmsSignIn or OperationKind.DisableSmsSignIn => MethodKind.Mobile,
        _ => op.Method == MethodKind.Email ? MethodKind.Email : MethodKind.Mobile,
    };

    private static bool Shows(Written w, string body) => w.Op.Kind switch
    {
        OperationKind.IssueTap => GraphJson.ReadTap(body)?.Id is { } tid && string.Equals(tid, w.TapId, StringComparison.OrdinalIgnoreCase),
        OperationKind.EnableSmsSignIn => Mobile(body)?.SmsSignInState == SmsSignInState.Ready,
        OperationKind.DisableSmsSignIn => Mobile(body)?.SmsSignInState != SmsSignInState.Ready,
        OperationKind.Delete when w.Op.Method == MethodKind.Email => GraphJson.ReadEmail(body) is null,
        OperationKind.Delete => !GraphJson.ReadPhones(body).ContainsKey(w.Op.Method),
        _ when w.Op.Method == MethodKind.Email => Planner.Same(MethodKind.Email, w.Op.Value, GraphJson.ReadEmail(body)?.Address),
        _ => Planner.Same(w.Op.Method, w.Op.Value, GraphJson.ReadPhones(body).GetValueOrDefault(w.Op.Method)?.Number),
    };

    private static string Observed(Written w, string body) => w.Op.Kind switch
    {
        OperationKind.IssueTap => GraphJson.ReadTap(body) is { } t ? $"another pass ({t.Describe()})" : "no pass",
        OperationKind.EnableSmsSignIn or OperationKind.DisableSmsSignIn => $"smsSignInState {Mobile(body)?.SmsSignInState?.ToGraph() ?? "(no mobile)"}",
        _ when w.Op.Method == MethodKind.Email => GraphJson.ReadEmail(body) is { } e ? $"the e-mail {Privacy.Masking.ForDisplay(MethodKind.Email, e.Address)}" : "no e-mail method",
        _ => GraphJson.ReadPhones(body).GetValueOrDefault(w.Op.Method) is { } p ? $"the number {Privacy.Masking.ForDisplay(w.Op.Method, p.Number)}" : "no such phone method",
    };

    private static CurrentPhone? Mobile(string body) => GraphJson.ReadPhones(body).GetValueOrDefault(MethodKind.Mobile);
}

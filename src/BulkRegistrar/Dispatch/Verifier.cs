using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// --verify: after a user's writes, re-reads what they wrote — each method from its list, one read per list — and turns a
/// write Graph answered with success but the tenant does not show into <c>Failed</c>/<c>VerifyMismatch</c>. It runs when
/// the user's writes are done rather than after the whole file, so memory stays flat on a large file; the re-read waits out
/// the read-after-write lag with <see cref="ReadBack"/>. A method that cannot be re-read (a password: Graph never shows one)
/// is not here; a password reset's operation's final status is its check.
/// </summary>
internal sealed class Verifier(GraphRequests requests, ReadBack readBack, VerifyStats stats)
{
    /// <param name="IssuedId">The id the write's answer named (a pass), by which the re-read finds it.</param>
    public sealed record Written(AuditRecord Record, PlannedOperation Op, string? IssuedId);

    public async Task RunAsync(string id, List<Written> written, UserRecords outcomes)
    {
        foreach (var group in written.GroupBy(w => AuthMethods.Of(w.Op.Method).List!))
        {
            var (body, _, failed) = await readBack.UntilAsync(() => group.Key.Request(requests, id), b => group.All(w => Shows(w, b)));
            foreach (var w in group)
            {
                var shown = body is not null && Shows(w, body);
                stats.Count(shown);
                if (!shown)
                {
                    outcomes.Replace(w.Record.Refuted(ErrorCodes.VerifyMismatch, body is null
                        ? $"{w.Record.Message} --verify could not re-read the tenant ({failed?.Status}), so this write is unconfirmed."
                        : $"{w.Record.Message} --verify: Graph answered success, but re-reading the tenant afterwards shows "
                            + $"{AuthMethods.Of(w.Op.Method).ObservedAfter(w.Op, body)}. Run the file again."));
                }
            }
        }
    }

    private static bool Shows(Written w, string body) => AuthMethods.Of(w.Op.Method).Shows(w.Op, body, w.IssuedId);
}

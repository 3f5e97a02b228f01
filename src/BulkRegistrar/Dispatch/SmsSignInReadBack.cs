using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// After Graph accepted an enable: the mobile's smsSignInState, re-read until it shows ready (read-after-write
/// lag). Accepted is not usable — a state other than ready is reported as what it showed.
/// </summary>
internal static class SmsSignInReadBack
{
    public static async Task<(Outcome Outcome, string Message)> ConfirmAsync(ReadBack readBack, GraphRequests requests, string id, string message)
    {
        static SmsSignInState? State(string body) => GraphJson.ReadPhones(body).GetValueOrDefault(MethodKind.Mobile)?.SmsSignInState;
        var (body, ready, failed) = await readBack.UntilAsync(() => requests.ListPhones(id), b => State(b) == SmsSignInState.Ready);
        if (ready)
        {
            return (Outcome.Updated, message + " Re-reading the mobile showed smsSignInState ready.");
        }

        var state = body is null ? null : State(body)?.ToGraph() ?? "no mobile registered";
        return state is null
            ? (Outcome.Updated, message + $" Re-reading the mobile to confirm failed ({failed?.Status}); check it in Entra ID.")
            : (Outcome.Failed, $"Graph accepted the enable, but re-reading the mobile showed smsSignInState {state}, not ready: SMS sign-in is not usable yet. Check the SMS sign-in policy and the number, then run again.");
    }
}

using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Status;

/// <summary>
/// One user: looked up as apply looks users up (<see cref="GraphRequests.GetUser"/>), then every method they have read with one
/// <c>GET /users/{id}/authentication/methods</c>, both through the run's transport (batched, paced, retried as apply's reads), and
/// judged. Whatever happens, exactly one record: not found, a read Graph refused, an answer that cannot be read, a stop.
/// </summary>
internal sealed class StatusChecker(GraphExecutor graph, GraphRequests requests, Onboarding onboarding)
{
    public async Task<(AuditRecord Record, string? PassKey)> CheckAsync(StatusUser user)
    {
        try
        {
            var lookup = await graph.RunAsync(new GraphCall(requests.GetUser(user.User), IsWrite: false));
            if (lookup.Result.Status == 404)
            {
                return (Record(user, Outcome.NotFound, ErrorCodes.NotFound, "No user with this name exists in the tenant; check the UPN.").Answered(lookup),
                    null);
            }

            if (!lookup.Result.IsSuccess)
            {
                return (Failed(user, "Looking the user up failed", lookup), null);
            }

            var id = GraphJson.ReadUser(lookup.Result.Body!).Id;
            var read = await graph.RunAsync(new GraphCall(requests.Client.Users[id].Authentication.Methods.ToGetRequestInformation(), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                return (Failed(user, "Reading the user's authentication methods failed", read), null);
            }

            var (record, passKey) = onboarding.Judge(user, UserMethods.Read(read.Result.Body!));
            return (record.Answered(read), passKey);
        }
        catch (RunAbortedException e)
        {
            return (Record(user, Outcome.Skipped, ErrorCodes.RunAborted, $"Not read: the run was stopped. {e.Message}"), null);
        }
        catch (OperationCanceledException)
        {
            return (Record(user, Outcome.Skipped, ErrorCodes.Cancelled, "Not read: the run was cancelled (Ctrl+C or SIGTERM). Run status again."), null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return (Record(user, Outcome.Failed, ErrorCodes.UnexpectedResponse, $"Graph's answer could not be read ({e.GetType().Name}: {e.Message})."), null);
        }
    }

    private static AuditRecord Failed(StatusUser user, string what, ExecutedCall call) =>
        Record(user, Outcome.Failed, ErrorCodes.GraphError, $"{what}: {CallResult.Said(call.Result)}").Answered(call, refused: true);

    private static AuditRecord Record(StatusUser user, Outcome outcome, string error, string message) =>
        AuditRecords.OfUser(user.Line, user.User, user.User, null, outcome, error, message);
}

using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Export;

/// <summary>
/// Reads one user's current methods with the requests apply uses: the lookup (only for users named in a CSV;
/// <c>--all</c> already has the object id), then the list of every exported method (<see cref="ExportRow.Exported"/>),
/// side by side so they share a batch.
/// </summary>
/// <param name="beta">--beta: the methods Graph offers only in beta are read and written too.</param>
internal sealed class MethodReader(GraphExecutor executor, GraphRequests requests, bool beta = false)
{
    private readonly IReadOnlyList<AuthMethod> _methods = ExportRow.Of(beta);
    private readonly IReadOnlyList<MethodList> _lists = AuthMethods.ListsOf(ExportRow.Of(beta).Select(m => m.Kind));

    public async Task<ExportResult> ReadAsync(string user, string? objectId = null)
    {
        try
        {
            return await ReadCoreAsync(user, objectId);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // An answer we could not read costs this user only, as in apply.
            return new ExportResult(user, null, $"Graph's answer could not be read ({e.GetType().Name}: {e.Message}).");
        }
    }

    private async Task<ExportResult> ReadCoreAsync(string user, string? objectId)
    {
        var upn = user;
        if (objectId is null)
        {
            var lookup = await executor.RunAsync(new GraphCall(requests.GetUser(user), IsWrite: false));
            if (lookup.Result.Status == 404)
            {
                return new ExportResult(user, null, "No user with this name exists in the tenant.", NotFound: true);
            }

            if (!lookup.Result.IsSuccess)
            {
                return Failed(user, "Looking the user up failed", lookup.Result);
            }

            var found = GraphJson.ReadUser(lookup.Result.Body!);
            (objectId, upn) = (found.Id, found.UserPrincipalName ?? user);
        }

        var read = await ListReader.ReadAsync(executor, requests, objectId, _lists, together: true);
        if (read.Current is not { } current)
        {
            return Failed(upn, $"Reading the {read.FailedList!.Noun} failed", read.Failed!.Result);
        }

        return new ExportResult(upn, new ExportRow(upn, [.. _methods.Select(m => m.Export(current))]), null);
    }

    private static ExportResult Failed(string user, string what, CallResult result)
    {
        var (code, message) = result.Error;
        return new ExportResult(user, null, $"{what} (HTTP {result.Status}{(code is null ? "" : ", " + code)}): {message ?? "no answer"}");
    }
}

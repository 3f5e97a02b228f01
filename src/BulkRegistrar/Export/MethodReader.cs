using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Export;

/// <summary>
/// Reads one user's current methods with the requests apply uses (<see cref="GraphRequests"/>): the lookup
/// (only for users named in a CSV; <c>--all</c> already has the object id), then the phone and e-mail lists,
/// side by side so they share a batch.
/// </summary>
internal sealed class MethodReader(GraphExecutor executor, GraphRequests requests)
{
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

        var phonesTask = executor.RunAsync(new GraphCall(requests.ListPhones(objectId), IsWrite: false));
        var emailsTask = executor.RunAsync(new GraphCall(requests.ListEmails(objectId), IsWrite: false));
        var (phones, emails) = (await phonesTask, await emailsTask);
        if (!phones.Result.IsSuccess)
        {
            return Failed(upn, "Reading the phone methods failed", phones.Result);
        }

        if (!emails.Result.IsSuccess)
        {
            return Failed(upn, "Reading the e-mail method failed", emails.Result);
        }

        var p = GraphJson.ReadPhones(phones.Result.Body!);
        var mobile = p.GetValueOrDefault(MethodKind.Mobile);
        // Graph returns numbers as stored (+44 07400…, +1 (425) 555-0100): the file gets the canonical form.
        return new ExportResult(upn, new ExportRow(upn, SameNumber.Canonical(mobile?.Number), SameNumber.Canonical(p.GetValueOrDefault(MethodKind.AlternateMobile)?.Number),
            SameNumber.Canonical(p.GetValueOrDefault(MethodKind.Office)?.Number), GraphJson.ReadEmail(emails.Result.Body!)?.Address, ExportRow.SmsWord(mobile?.SmsSignInState)), null);
    }

    private static ExportResult Failed(string user, string what, CallResult result)
    {
        var (code, message) = result.Error;
        return new ExportResult(user, null, $"{what} (HTTP {result.Status}{(code is null ? "" : ", " + code)}): {message ?? "no answer"}");
    }
}

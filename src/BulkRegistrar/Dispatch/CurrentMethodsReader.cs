using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The read stage: what the tenant holds for the methods the file names, and nothing more — phones for any
/// phone or SMS sign-in cell, the e-mail method for an e-mail cell, the pass for a pass cell. A write-first
/// path can call it after Graph refused a create as "already exists", with only that method desired.
/// </summary>
internal sealed class CurrentMethodsReader(GraphExecutor graph, GraphRequests requests)
{
    /// <returns>What the tenant holds and the reads it rests on; or, when a read failed, why (and Current is null).</returns>
    public async Task<(CurrentMethods? Current, MethodReads Reads, UserFailure? Failure)> ReadAsync(string id, DesiredState desired)
    {
        var phones = new Dictionary<MethodKind, CurrentPhone>();
        CallResult? phonesRead = null, emailRead = null;
        if (desired.Methods.Any(m => m.Method is MethodKind.Mobile or MethodKind.AlternateMobile or MethodKind.Office or MethodKind.SmsSignIn))
        {
            var read = await graph.RunAsync(new GraphCall(requests.ListPhones(id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                return Failed("Reading the user's phone methods failed.", read);
            }

            phones = GraphJson.ReadPhones(read.Result.Body!);
            phonesRead = read.Result;
        }

        CurrentEmail? email = null;
        if (desired.Find(MethodKind.Email) is not null)
        {
            var read = await graph.RunAsync(new GraphCall(requests.ListEmails(id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                return Failed("Reading the user's e-mail method failed.", read);
            }

            email = GraphJson.ReadEmail(read.Result.Body!);
            emailRead = read.Result;
        }

        CurrentTap? tap = null;
        if (desired.Find(MethodKind.TemporaryAccessPass) is not null)
        {
            var read = await graph.RunAsync(new GraphCall(requests.ListTaps(id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                return Failed("Reading the user's Temporary Access Pass failed.", read);
            }

            tap = GraphJson.ReadTap(read.Result.Body!);
        }

        return (new CurrentMethods(phones, email) { Tap = tap }, new MethodReads(phonesRead, emailRead), null);
    }

    private static (CurrentMethods?, MethodReads, UserFailure?) Failed(string message, ExecutedCall read) =>
        (null, default, new UserFailure(Outcome.Failed, ErrorCodes.GraphError, message, read));
}

/// <summary>The reads a decision without a write rests on, so its record names Graph's request ids too.</summary>
internal readonly record struct MethodReads(CallResult? Phones, CallResult? Email)
{
    public AuditRecord Identify(AuditRecord r) => (r.Method == MethodKind.Email ? Email : Phones) is { } read && r.RequestId is null
        ? r with { RequestId = read.RequestId, ClientRequestId = read.ClientRequestId }
        : r;
}

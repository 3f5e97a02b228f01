using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// Creating a QR code + PIN: the PIN goes from Graph's 201 to the hand-off file and the image to the badge sheet, each written through
/// before the method counts as created; a method whose PIN or badge could not be kept is deleted again, so no working QR code exists
/// that nobody holds.
/// </summary>
internal sealed partial class QrCodePinMethod
{
    /// <summary>PUT qrCodePinMethod: the standard code's window (both required) and, from --new-pins only, the PIN.</summary>
    public static RequestInformation Put(GraphRequests requests, string id, DateTimeOffset start, DateTimeOffset expire, string? pin)
    {
        var body = new JsonObject
        {
            ["standardQRCode"] = new JsonObject { ["startDateTime"] = QrSpec.Iso(start), ["expireDateTime"] = QrSpec.Iso(expire) },
        };
        if (pin is not null)
        {
            body["pin"] = new JsonObject { ["code"] = pin };
        }

        var info = QrList.At(requests, id, Method.PUT);
        info.Headers.Add("Accept", "application/json");
        info.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body.ToJsonString())), "application/json");
        return info;
    }

    private async Task<WriteResult> IssueAsync(WriteContext write, PlannedOperation op)
    {
        var secrets = write.Secrets!;
        var qr = secrets.Qr ?? new QrRun(null, null);
        var chosen = qr.Pins?.For(write.UserPrincipalName);
        if (qr.Pins is not null && chosen is null)
        {
            return SecretOperations.Ended(SecretOperations.NotSent, Outcome.Skipped,
                "Not created: --new-pins names no PIN for this user (a given file is the whole list; nothing is generated instead).", ErrorCodes.PinNotGiven);
        }

        if ((chosen is null ? secrets.NotKeepable() : null) is { } refused)
        {
            return refused;
        }

        if (qr.Badges?.Unusable is { } why)
        {
            return SecretOperations.Ended(SecretOperations.NotSent, Outcome.Skipped, $"Not sent: the badge sheet cannot be written ({why}), and a QR code "
                + "whose image nobody has must not be created. Fix it and run the file again.", ErrorCodes.BadgesUnwritable);
        }

        var spec = QrSpec.Parse(op.Value);
        var start = spec.Start ?? secrets.Time.GetUtcNow();
        var (days, lifetimeNote) = spec.Expiry is null ? await qr.LifetimeAsync(write.Graph, write.Requests) : (0, null);
        var expire = spec.Expiry ?? start.AddDays(days);
        var name = await DisplayNameAsync(write);
        if (op.Kind == Replace)
        {
            var delete = await write.Graph.RunAsync(new GraphCall(QrList.At(write.Requests, write.Id, Method.DELETE), IsWrite: true)
            {
                Intent = WriteIntents.For(op, write.Id),
            });
            if (SecretOperations.Unfinished(delete) is { } stopped)
            {
                return stopped;
            }

            if (!delete.Result.IsSuccess && delete.Result.Status != 404)
            {
                return SecretOperations.Ended(delete, Outcome.Failed, "Graph refused to delete the user's QR code + PIN, so no new one was created.",
                    ErrorCodes.GraphError);
            }
        }

        var executed = await write.Graph.RunAsync(new GraphCall(Put(write.Requests, write.Id, start, expire, chosen), IsWrite: true)
        {
            Intent = WriteIntents.For(op, write.Id),
        });
        var gone = op.Kind == Replace ? " The old QR code + PIN was deleted first." : "";
        if (SecretOperations.Unfinished(executed) is { } unfinished)
        {
            return unfinished with { Message = unfinished.Message.Replace("--replace-tap for a pass", "--replace-qr", StringComparison.Ordinal) + gone };
        }

        var r = executed.Result;
        if (!r.IsSuccess)
        {
            return SecretOperations.Ended(executed, Outcome.Failed, (executed.PreviousMayHaveRun
                ? "Graph refused the QR code + PIN after an attempt that got no clear answer: that attempt may have created it, and its PIN and image "
                    + "never reached us; run again with --replace-qr."
                : "Graph refused to create the QR code + PIN (the tenant's QR code + PIN policy: disabled or the user outside its groups, a window "
                    + "outside its standard lifetime, or a PIN shorter than its pinLength).") + gone, ErrorCodes.GraphError);
        }

        var issued = QrList.ReadIssued(r.Body!);
        Privacy.KnownSecrets.Add(issued.Pin);
        var done = op.Done;
        var window = $"standard QR code valid from {QrSpec.Show(start)} until {QrSpec.Show(expire)}"
            + (lifetimeNote is null ? "" : $", {days} days: Graph's documented default, as {lifetimeNote}");
        return await KeepAsync(write, executed, issued, chosen is null, name, expire) is { } lost
            ? lost
            : SecretOperations.Ended(executed, done, $"{(op.Kind == Replace ? "Replaced the user's QR code + PIN" : "Created a QR code + PIN")} ({window}); "
                + (chosen is null ? $"the PIN is in the hand-off file {secrets.Handoff?.NameFor(write.Id, write.UserPrincipalName, Name)} and nowhere else"
                    : "the PIN is the one given in --new-pins; this tool wrote it nowhere")
                + (qr.Badges is { } b ? $", the badge in {Path.GetFileName(b.Path)}." : "."), issuedId: issued.Method.Id);
    }

    /// <summary>Writes the PIN and the badge; null when both are kept, else the record of a method deleted again (or that could not be).</summary>
    private async Task<WriteResult?> KeepAsync(WriteContext write, ExecutedCall executed, IssuedQr issued, bool generated, string name, DateTimeOffset expire)
    {
        var secrets = write.Secrets!;
        var badge = false;
        try
        {
            if (generated)
            {
                if (issued.Pin is null || secrets.Handoff is not { } handoff)
                {
                    return await DeleteAgainAsync(write, executed, "Graph answered 201 without the PIN, so nobody has it", ErrorCodes.UnexpectedResponse);
                }

                handoff.Write(write.UserPrincipalName, write.Id, Name, issued.Pin, issued.Method.Standard?.Start, expire);
            }

            badge = true;
            if (secrets.Qr?.Badges is { } badges)
            {
                if (issued.Image is null)
                {
                    return await DeleteAgainAsync(write, executed, "Graph answered 201 without the QR code's image, so no badge can be printed",
                        ErrorCodes.UnexpectedResponse);
                }

                badges.Write(name, write.UserPrincipalName ?? write.Id, issued.Image, expire);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await DeleteAgainAsync(write, executed, $"the {(badge ? "badge sheet" : "hand-off file")} could not be written "
                + $"({(badge ? secrets.Qr!.Badges!.Unusable : secrets.Handoff?.Unusable) ?? e.Message}), so nobody has its "
                + $"{(badge ? "image" : "PIN")}", badge ? ErrorCodes.BadgesUnwritable : ErrorCodes.HandoffUnwritable);
        }

        return null;
    }

    /// <summary>A method created whose PIN or image nobody holds is deleted again, so no working QR code exists that nobody has.</summary>
    private static async Task<WriteResult> DeleteAgainAsync(WriteContext write, ExecutedCall created, string kept, string error)
    {
        ExecutedCall delete;
        try
        {
            delete = await write.Graph.RunAsync(new GraphCall(QrList.At(write.Requests, write.Id, Method.DELETE), IsWrite: true));
        }
        catch (Exception e) when (e is RunAbortedException or OperationCanceledException)
        {
            return SecretOperations.Ended(created, Outcome.Failed, $"The QR code + PIN was created, but {kept}, and the run stopped before it could be "
                + "deleted: run again with --replace-qr once that is fixed.", error);
        }

        return SecretOperations.Ended(created, Outcome.Failed, delete.Result.IsSuccess || delete.Result.Status == 404
            ? $"The QR code + PIN was created, but {kept}; it was deleted again (DELETE answered {delete.Result.Status}). Run the file "
                + "again once that is fixed."
            : $"The QR code + PIN was created, but {kept}, and deleting it failed ({CallResult.Said(delete.Result)}): run again with --replace-qr once "
                + "that is fixed.", error);
    }

    /// <summary>The name printed on the badge (one read, <c>$select=displayName</c>); the UPN when it cannot be read.</summary>
    private static async Task<string> DisplayNameAsync(WriteContext write)
    {
        var request = write.Requests.Client.Users[write.Id].ToGetRequestInformation(c => c.QueryParameters.Select = ["displayName"]);
        var read = await write.Graph.RunAsync(new GraphCall(request, IsWrite: false));
        try
        {
            using var user = read.Result.IsSuccess ? JsonDocument.Parse(read.Result.Body!) : null;
            return user is not null && GraphJson.Str(user.RootElement, "displayName") is { Length: > 0 } name ? name : write.UserPrincipalName ?? write.Id;
        }
        catch (JsonException)
        {
            return write.UserPrincipalName ?? write.Id;
        }
    }
}

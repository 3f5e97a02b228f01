using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;
using Microsoft.Graph.Users.Item.Authentication.Methods.Item.ResetPassword;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Password;

/// <summary>
/// The reset itself: resetPassword answers 202 and names an operation (<c>Location</c>), which is polled to a final status,
/// honouring Retry-After; a generated password is kept in the hand-off file once the operation succeeded.
/// </summary>
internal sealed partial class PasswordMethod
{
    /// <summary>The password method's fixed id (docs/graph-behaviour.md §3.3); reset goes through <c>methods/</c>, not <c>passwordMethods/</c>.</summary>
    public const string MethodId = "28c10230-6103-485e-b985-444c60001490";

    public static RequestInformation ResetRequest(GraphRequests requests, string id, string? newPassword) =>
        requests.Client.Users[id].Authentication.Methods[MethodId].ResetPassword
            .ToPostRequestInformation(new ResetPasswordPostRequestBody { NewPassword = newPassword });

    private async Task<WriteResult> ResetAsync(WriteContext write, PlannedOperation op)
    {
        var secrets = write.Secrets!;
        if (secrets.Chosen is null && secrets.NotKeepable() is { } refused)
        {
            return refused; // a generated password must land in the hand-off file; a chosen one goes nowhere
        }

        var password = secrets.Chosen?.For(write.UserPrincipalName);
        if (secrets.Chosen is not null && password is null)
        {
            return SecretOperations.Ended(SecretOperations.NotSent, Outcome.Skipped,
                "Not reset: --new-passwords names no password for this user (a given file is the whole list; nothing is generated instead).",
                ErrorCodes.PasswordNotGiven);
        }

        var executed = await write.Graph.RunAsync(new GraphCall(ResetRequest(write.Requests, write.Id, password), IsWrite: true)
        {
            Intent = WriteIntents.For(op, write.Id),
        });
        if (SecretOperations.Unfinished(executed) is { } unfinished)
        {
            return unfinished;
        }

        var r = executed.Result;
        if (!r.IsSuccess)
        {
            return SecretOperations.Ended(executed, Outcome.Failed, "Graph refused the password reset.", ErrorCodes.GraphError);
        }

        var generated = Privacy.KnownSecrets.Add(NewPassword(r.Body));
        var operation = r.Location is { } location && Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.Segments[^1].TrimEnd('/') : null;
        if (operation is null)
        {
            return Keep(write, executed, generated, "Graph accepted the reset (202) without naming an operation to poll.");
        }

        var wait = r.RetryAfter ?? TimeSpan.FromSeconds(1 / Math.Max(1, secrets.TimeCompression));
        var started = secrets.Time.GetTimestamp();
        var status = OperationStatus.NotStarted;
        while (secrets.Time.GetElapsedTime(started) < secrets.MaxPollTime)
        {
            try
            {
                await Task.Delay(wait, secrets.Time, secrets.Stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var request = write.Requests.Client.Users[write.Id].Authentication.Operations[operation].ToGetRequestInformation();
            var poll = await write.Graph.RunAsync(new GraphCall(request, IsWrite: false));
            if (!poll.Result.IsSuccess)
            {
                return SecretOperations.Ended(executed, Outcome.Failed, $"The reset was accepted, but polling its operation failed ({poll.Result.Status}); "
                    + $"check the user in Entra ID before resetting again. {CallResult.Said(poll.Result)}", ErrorCodes.PasswordResetPending);
            }

            (status, var detail) = Status(poll.Result.Body!);
            if (status == OperationStatus.Succeeded)
            {
                return Keep(write, executed, generated, password is null
                    ? "Password reset (the operation succeeded); the user must change it at the next sign-in."
                    : "Password reset to the one given in --new-passwords (the operation succeeded); this tool wrote it nowhere.");
            }

            if (status == OperationStatus.Failed)
            {
                return SecretOperations.Ended(executed, Outcome.Failed,
                    $"Graph accepted the reset, but its operation ended failed{(detail is null ? "" : $": {detail}")}. The password was not changed.",
                    ErrorCodes.PasswordResetFailed);
            }

            wait = poll.Result.RetryAfter ?? wait;
        }

        return SecretOperations.Ended(executed, Outcome.Failed,
            $"The reset was accepted, but its operation was still {status} when polling stopped; check the user in Entra ID before resetting again.",
            ErrorCodes.PasswordResetPending);
    }

    private WriteResult Keep(WriteContext write, ExecutedCall executed, string? generated, string message)
    {
        if (generated is null)
        {
            return SecretOperations.Ended(executed, Outcome.Updated, message);
        }

        var handoff = write.Secrets!.Handoff;
        try
        {
            if (handoff is null)
            {
                throw new IOException("no hand-off file");
            }

            handoff.Write(write.UserPrincipalName, write.Id, Name, generated, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SecretOperations.Ended(executed, Outcome.Failed,
                $"{message} But the hand-off file could not be written ({handoff?.Unusable ?? "no hand-off file"}), "
                + "so nobody has the new password: reset it again once the file can be written.", ErrorCodes.HandoffUnwritable);
        }

        return SecretOperations.Ended(executed, Outcome.Updated, $"{message} The generated password is in the hand-off file and nowhere else.");
    }

    private static string? NewPassword(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        return root.ValueKind == JsonValueKind.Object ? GraphJson.Str(root, "newPassword") : null;
    }

    private static (string Status, string? Detail) Status(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return (GraphJson.Str(r, "status") ?? "unknown", GraphJson.Str(r, "statusDetail"));
    }

    /// <summary>Graph's <c>longRunningOperation.status</c> values a password reset's operation reports.</summary>
    private static class OperationStatus
    {
        public const string NotStarted = "notStarted";
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
    }
}

using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Handoff;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The two writes whose result is a secret: issuing a Temporary Access Pass and resetting a password.
/// The secret is read from Graph's answer and written to the hand-off file, and nowhere else: the
/// messages say where it is, never what it is. Both are re-sent after a lost answer (unlike the other
/// writes, which re-read first): a pass or a generated password whose answer was lost can never be read
/// back, so nobody has it, and the new one replaces it.
/// </summary>
internal sealed class SecretOperations(GraphExecutor graph, GraphRequests requests, HandoffFile? handoff, TimeProvider time, double timeCompression,
    TimeSpan maxPollTime, CancellationToken stop, ChosenPasswords? chosen = null)
{
    public sealed record Result(ExecutedCall Call, Outcome Outcome, string Message, string? Error = null, string? IssuedTapId = null);

    public async Task<Result> IssueTapAsync(string id, string? upn, PlannedOperation op)
    {
        if (NotKeepable() is { } refused)
        {
            return refused;
        }

        var executed = await graph.RunAsync(new GraphCall(requests.CreateTap(id, TapSpec.Parse(op.Value)), IsWrite: true) { Intent = WriteIntents.For(op, id) });
        if (Unfinished(executed) is { } unfinished)
        {
            return unfinished;
        }

        var r = executed.Result;
        if (!r.IsSuccess)
        {
            return new Result(executed, Outcome.Failed, r.Status == 400
                ? "Graph refused to issue the pass (the tenant's Temporary Access Pass policy: disabled, the user outside its groups, or settings outside its limits)."
                : "Graph refused to issue the pass.", ErrorCodes.GraphError);
        }

        var (tap, pass) = GraphJson.ReadIssuedTap(r.Body!);
        Privacy.KnownSecrets.Add(pass);
        if (pass is null || handoff is null)
        {
            return new Result(executed, Outcome.Failed, "Graph answered 201 without the pass, so nobody has it; run again with --replace-tap to issue a new one.", ErrorCodes.UnexpectedResponse, tap.Id);
        }

        try
        {
            handoff.Write(upn, id, "temporaryAccessPass", pass, tap.Start, tap.End);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await RevokeAsync(executed, id, tap.Id, handoff.Unusable ?? e.Message);
        }

        return new Result(executed, Outcome.Created, $"Issued a Temporary Access Pass ({tap.Describe()}); the pass is in the hand-off file {Path.GetFileName(handoff.Path)} and nowhere else.", null, tap.Id);
    }

    /// <summary>resetPassword answers 202 and names an operation (<c>Location</c>); it is polled to a final status, honouring Retry-After.</summary>
    public async Task<Result> ResetPasswordAsync(string id, string? upn, PlannedOperation? op = null)
    {
        if (chosen is null && NotKeepable() is { } refused)
        {
            return refused; // a generated password must land in the hand-off file; a chosen one goes nowhere
        }

        var password = chosen?.For(upn);
        if (chosen is not null && password is null)
        {
            // Nothing was sent: no attempt, no answer (not CallResult.Unknown, which means "sent, no answer").
            return new Result(new ExecutedCall(new CallResult(0, null, null, null, null), 0, TimeSpan.Zero), Outcome.Skipped,
                "Not reset: --new-passwords names no password for this user (a given file is the whole list; nothing is generated instead).", ErrorCodes.PasswordNotGiven);
        }

        var executed = await graph.RunAsync(new GraphCall(requests.ResetPassword(id, password), IsWrite: true) { Intent = op is null ? null : WriteIntents.For(op, id) });
        if (Unfinished(executed) is { } unfinished)
        {
            return unfinished;
        }

        var r = executed.Result;
        if (!r.IsSuccess)
        {
            return new Result(executed, Outcome.Failed, "Graph refused the password reset.", ErrorCodes.GraphError);
        }

        var generated = Privacy.KnownSecrets.Add(NewPassword(r.Body));
        var operation = r.Location is { } location && Uri.TryCreate(location, UriKind.Absolute, out var uri) ? uri.Segments[^1].TrimEnd('/') : null;
        if (operation is null)
        {
            return Keep(executed, generated, upn, id, "Graph accepted the reset (202) without naming an operation to poll.");
        }

        var wait = r.RetryAfter ?? TimeSpan.FromSeconds(1 / Math.Max(1, timeCompression));
        var started = time.GetTimestamp();
        var status = OperationStatus.NotStarted;
        while (time.GetElapsedTime(started) < maxPollTime)
        {
            try
            {
                await Task.Delay(wait, time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var poll = await graph.RunAsync(new GraphCall(requests.GetOperation(id, operation), IsWrite: false));
            if (!poll.Result.IsSuccess)
            {
                return new Result(executed, Outcome.Failed, $"The reset was accepted, but polling its operation failed ({poll.Result.Status}); check the user in Entra ID before resetting again. {CallResult.Said(poll.Result)}", ErrorCodes.PasswordResetPending);
            }

            (status, var detail) = Status(poll.Result.Body!);
            if (status == OperationStatus.Succeeded)
            {
                return Keep(executed, generated, upn, id, password is null
                ? "Password reset (the operation succeeded); the user must change it at the next sign-in."
                : "Password reset to the one given in --new-passwords (the operation succeeded); this tool wrote it nowhere.");
            }

            if (status == OperationStatus.Failed)
            {
                return new Result(executed, Outcome.Failed, $"Graph accepted the reset, but its operation ended failed{(detail is null ? "" : $": {detail}")}. The password was not changed.", ErrorCodes.PasswordResetFailed);
            }

            wait = poll.Result.RetryAfter ?? wait;
        }

        return new Result(executed, Outcome.Failed, $"The reset was accepted, but its operation was still {status} when polling stopped; check the user in Entra ID before resetting again.", ErrorCodes.PasswordResetPending);
    }

    private Result Keep(ExecutedCall executed, string? generated, string? upn, string id, string message)
    {
        if (generated is null)
        {
            return new Result(executed, Outcome.Updated, message);
        }

        try
        {
            handoff!.Write(upn, id, "password", generated, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NullReferenceException)
        {
            return new Result(executed, Outcome.Failed, $"{message} But the hand-off file could not be written ({handoff?.Unusable ?? "no hand-off file"}), so nobody has the new password: reset it again once the file can be written.", ErrorCodes.HandoffUnwritable);
        }

        return new Result(executed, Outcome.Updated, $"{message} The generated password is in the hand-off file and nowhere else.");
    }

    /// <summary>Once the hand-off file has failed, no secret-issuing request is sent: nobody could read its secret.</summary>
    private Result? NotKeepable() => handoff?.Unusable is { } why
        ? new Result(new ExecutedCall(new CallResult(0, null, null, null, null), 0, TimeSpan.Zero), Outcome.Skipped,
            $"Not sent: the hand-off file cannot be written ({why}), and a pass or password nobody can read must not be issued. Fix it and run the file again.", ErrorCodes.HandoffUnwritable)
        : null;

    /// <summary>A pass issued that the hand-off file could not keep is revoked, so no usable pass exists that nobody holds.</summary>
    private async Task<Result> RevokeAsync(ExecutedCall issued, string id, string? tapId, string why)
    {
        var kept = $"The pass was issued, but the hand-off file could not be written ({why}), so nobody has it";
        if (tapId is null)
        {
            return new Result(issued, Outcome.Failed, $"{kept}, and Graph's answer named no pass id to revoke; run again with --replace-tap once the file can be written.", ErrorCodes.HandoffUnwritable);
        }

        ExecutedCall revoke;
        try
        {
            revoke = await graph.RunAsync(new GraphCall(requests.DeleteTap(id, tapId), IsWrite: true));
        }
        catch (Exception e) when (e is RunAbortedException or OperationCanceledException)
        {
            // The issue is the fact to record, not the stop: this record must still say a pass exists.
            return new Result(issued, Outcome.Failed, $"{kept}, and the run stopped before it could be revoked: the user holds a pass nobody knows. Run again with --replace-tap once the file can be written.", ErrorCodes.HandoffUnwritable, tapId);
        }

        return revoke.Result.IsSuccess || revoke.Result.Status == 404
            ? new Result(issued, Outcome.Failed, $"{kept}; it was revoked (DELETE answered {revoke.Result.Status}), so no usable pass is left. Run the file again once the file can be written.", ErrorCodes.HandoffUnwritable, tapId)
            : new Result(issued, Outcome.Failed, $"{kept}, and revoking it failed ({CallResult.Said(revoke.Result)}): the user holds a pass nobody knows. Run again with --replace-tap once the file can be written.", ErrorCodes.HandoffUnwritable, tapId);
    }

    /// <summary>A write that stopped without Graph's final word (cancelled, aborted, retries out): as <see cref="WriteOperation"/> reports it.</summary>
    private static Result? Unfinished(ExecutedCall executed)
    {
        if (executed.Ended is not { } ended)
        {
            return null;
        }

        var detail = ended.Detail is null ? "" : " " + ended.Detail;
        return ended.MayHaveLanded
            ? new Result(executed, Outcome.Failed, $"Sent, but no clear answer came back before {ended.Why}. It may have landed, but its secret never reached us; run again (with --replace-tap for a pass).{detail}", ErrorCodes.OutcomeUnknown)
            : new Result(executed, Outcome.Skipped, $"Not applied: Graph answered {executed.Result.Status} (the request was not run), and {ended.Why} before the retry.{detail}", ended.Error);
    }

    private static string? NewPassword(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("newPassword", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
    }

    private static (string Status, string? Detail) Status(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        return (r.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "unknown",
            r.TryGetProperty("statusDetail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
    }
}

/// <summary>Graph's <c>longRunningOperation.status</c> values a password reset's operation reports.</summary>
internal static class OperationStatus
{
    public const string NotStarted = "notStarted";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

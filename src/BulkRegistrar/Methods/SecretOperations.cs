using BulkRegistrar.Audit;
using BulkRegistrar.Handoff;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods;

/// <summary>
/// What every write whose answer is a secret (a pass issued, a password Graph generated) shares, and the run's means for
/// it: the hand-off file — the secret is read from Graph's answer and written there and nowhere else; the messages say
/// where it is, never what it is — the chosen passwords of <c>--new-passwords</c>, and the clock for polling. Such writes
/// are re-sent after a lost answer (unlike the others, which re-read first): a secret whose answer was lost can never
/// be read back, so nobody has it, and the new one replaces it.
/// </summary>
internal sealed class SecretOperations(HandoffFile? handoff, TimeProvider time, double timeCompression, TimeSpan maxPollTime, CancellationToken stop,
    ChosenPasswords? chosen = null)
{
    public HandoffFile? Handoff => handoff;

    public ChosenPasswords? Chosen => chosen;

    /// <summary>QR code + PIN: the badge sheet, the PINs of --new-pins and the tenant's standard lifetime (apply; null: none of it).</summary>
    public QrCodePin.QrRun? Qr { get; init; }

    public TimeProvider Time => time;

    public double TimeCompression => timeCompression;

    /// <summary>How long an operation Graph runs after accepting a write (a password reset) is polled for its final status.</summary>
    public TimeSpan MaxPollTime => maxPollTime;

    public CancellationToken Stop => stop;

    /// <summary>Nothing was sent: no attempt, no answer (not <see cref="CallResult.Unknown"/>, which means "sent, no answer").</summary>
    public static ExecutedCall NotSent { get; } = new(new CallResult(0, null, null, null, null), 0, TimeSpan.Zero);

    /// <summary>Once the hand-off file has failed, no secret-issuing request is sent: nobody could read its secret.</summary>
    public WriteResult? NotKeepable() => handoff?.Unusable is { } why
        ? Ended(NotSent, Outcome.Skipped, $"Not sent: the hand-off file cannot be written ({why}), and a pass or password nobody can read must not be issued. "
            + "Fix it and run the file again.", ErrorCodes.HandoffUnwritable)
        : null;

    /// <summary>A write that stopped without Graph's final word (cancelled, aborted, retries out): as <see cref="WriteOperation"/> reports it.</summary>
    public static WriteResult? Unfinished(ExecutedCall executed)
    {
        if (executed.Ended is not { } ended)
        {
            return null;
        }

        var detail = ended.Detail is null ? "" : " " + ended.Detail;
        return ended.MayHaveLanded
            ? Ended(executed, Outcome.Failed, $"Sent, but no clear answer came back before {ended.Why}. It may have landed, but its secret never reached us; "
                + $"run again (with --replace-tap for a pass).{detail}", ErrorCodes.OutcomeUnknown)
            : Ended(executed, Outcome.Skipped,
                $"Not applied: Graph answered {executed.Result.Status} (the request was not run), and {ended.Why} before the retry.{detail}", ended.Error);
    }

    /// <summary>How a secret write ended; a refusal carries Graph's code, and a plain one Graph's own words.</summary>
    public static WriteResult Ended(ExecutedCall call, Outcome outcome, string message, string? error = null, string? issuedId = null)
    {
        var said = error == ErrorCodes.GraphError && call.Result.Error.Message is not null;
        return new WriteResult(call, outcome, said ? $"{message} {CallResult.Said(call.Result)}" : message, error)
        {
            GraphError = outcome == Outcome.Failed ? call.Result.Error.Code : null,
            IssuedId = issuedId,
        };
    }
}

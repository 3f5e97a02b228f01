using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>The audit record of an executed write: its outcome and sentence, Graph's status and request ids, attempts, duration and what it replaced.</summary>
internal static class OperationRecords
{
    public static AuditRecord Of(DesiredState desired, PlannedOperation op, CurrentMethods current, WriteResult result)
    {
        var executed = result.Call;
        var record = Planner.Record(desired, op.For, result.Outcome, result.Message) with
        {
            HttpStatus = executed.Result.Status == 0 ? null : executed.Result.Status,
            RequestId = executed.Result.RequestId,
            ClientRequestId = executed.Result.ClientRequestId,
            Attempts = executed.Attempts,
            DurationMs = (long)executed.Duration.TotalMilliseconds,
            Previous = PreviousValue.Of(op, current),
        };
        if (executed.Ended is { } ended)
        {
            // The answer never came (unknown) or said "not run" (429) before the stop: no "Graph said".
            return record with { Error = ended.MayHaveLanded ? ErrorCodes.OutcomeUnknown : ended.Error, HttpStatus = ended.MayHaveLanded ? null : record.HttpStatus };
        }

        if (result.Outcome == Outcome.Failed)
        {
            return record with { Error = result.RefusalError ?? ErrorCodes.GraphError, GraphError = executed.Result.Error.Code, Message = $"{result.Message} {CallResult.Said(executed.Result)}" };
        }

        return record;
    }

    /// <summary>Graph accepted an enable, and re-reading the mobile never showed it ready.</summary>
    public static AuditRecord NotReady(DesiredState desired, PlannedOperation op, CurrentMethods current, ExecutedCall executed, string message) =>
        Planner.Record(desired, op.For, Outcome.Failed, message) with
        {
            Error = ErrorCodes.SmsSignInNotReady,
            HttpStatus = executed.Result.Status,
            RequestId = executed.Result.RequestId,
            ClientRequestId = executed.Result.ClientRequestId,
            Attempts = executed.Attempts,
            DurationMs = (long)executed.Duration.TotalMilliseconds,
            Previous = PreviousValue.Of(op, current),
        };

    /// <summary>A pass issued or a password reset: the secret itself is in the hand-off file only, never here.</summary>
    public static AuditRecord Of(DesiredState desired, PlannedOperation op, SecretOperations.Result secret)
    {
        var done = Planner.Record(desired, op.For, secret.Outcome, secret.Message) with
        {
            Error = secret.Error,
            HttpStatus = secret.Call.Result.Status == 0 ? null : secret.Call.Result.Status,
            GraphError = secret.Outcome == Outcome.Failed ? secret.Call.Result.Error.Code : null,
            RequestId = secret.Call.Result.RequestId,
            ClientRequestId = secret.Call.Result.ClientRequestId,
            Attempts = secret.Call.Attempts,
            DurationMs = (long)secret.Call.Duration.TotalMilliseconds,
        };
        return secret.Error == ErrorCodes.GraphError && secret.Call.Result.Error.Message is not null
            ? done with { Message = $"{secret.Message} {CallResult.Said(secret.Call.Result)}" }
            : done;
    }
}

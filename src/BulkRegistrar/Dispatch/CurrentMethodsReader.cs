using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The read stage: what the tenant holds for the methods the file names, and nothing more — each list those methods are
/// read from (<see cref="AuthMethod.List"/>), once, in registry order, one after another. A write-first path calls it after
/// Graph refused a create, with only the methods still open desired.
/// </summary>
/// <param name="time">The run's clock: when the user was read, what a hire date is judged against (TapStart hireDate).</param>
internal sealed class CurrentMethodsReader(GraphExecutor graph, GraphRequests requests, TimeProvider time)
{
    /// <param name="hireDate">The user's employeeHireDate from the lookup, which the plan may need (TapStart hireDate).</param>
    /// <returns>What the tenant holds and the reads it rests on; or, when a read failed, why (and Current is null).</returns>
    public async Task<(CurrentMethods? Current, MethodReads Reads, UserFailure? Failure)> ReadAsync(string id, DesiredState desired,
        DateTimeOffset? hireDate = null)
    {
        var read = await ListReader.ReadAsync(graph, requests, id, AuthMethods.ListsOf(desired.Methods.Select(m => m.Method)), together: false);
        return (read.Current?.WithHireDate(hireDate, time.GetUtcNow()), new MethodReads(read.Reads), read.FailedList is { } list
            ? new UserFailure(Outcome.Failed, ErrorCodes.GraphError, $"Reading the user's {list.Noun} failed.", read.Failed)
            : null);
    }
}

/// <summary>The reads a decision without a write rests on, so its record names Graph's request ids too.</summary>
internal sealed class MethodReads(IReadOnlyDictionary<MethodList, CallResult> reads)
{
    public CallResult? Of(MethodList list) => reads.GetValueOrDefault(list);

    /// <summary>The record with the request ids of the read its method's state came from (unless it has its own).</summary>
    public AuditRecord Identify(AuditRecord r) => AuthMethods.Find(r.Method)?.List is { } list && Of(list) is { } read ? r.RestingOn(read) : r;
}

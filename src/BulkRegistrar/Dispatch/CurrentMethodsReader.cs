using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// The read stage: what the tenant holds for the methods the file names, and nothing more — each list those methods are
/// read from (<see cref="AuthMethod.List"/>), once, in registry order. A write-first path calls it after Graph refused a
/// create, with only the methods still open desired.
/// </summary>
internal sealed class CurrentMethodsReader(GraphExecutor graph, GraphRequests requests)
{
    /// <returns>What the tenant holds and the reads it rests on; or, when a read failed, why (and Current is null).</returns>
    public async Task<(CurrentMethods? Current, MethodReads Reads, UserFailure? Failure)> ReadAsync(string id, DesiredState desired)
    {
        var current = CurrentMethods.None;
        var reads = new Dictionary<MethodList, CallResult>();
        foreach (var list in AuthMethods.ListsOf(desired.Methods.Select(m => m.Method)))
        {
            var read = await graph.RunAsync(new GraphCall(list.Request(requests, id), IsWrite: false));
            if (!read.Result.IsSuccess)
            {
                return (null, new MethodReads(reads), new UserFailure(Outcome.Failed, ErrorCodes.GraphError, $"Reading the user's {list.Noun} failed.", read));
            }

            current = current.With(list, list.Parse(read.Result.Body!));
            reads[list] = read.Result;
        }

        return (current, new MethodReads(reads), null);
    }
}

/// <summary>The reads a decision without a write rests on, so its record names Graph's request ids too.</summary>
internal sealed class MethodReads(IReadOnlyDictionary<MethodList, CallResult> reads)
{
    public CallResult? Of(MethodList list) => reads.GetValueOrDefault(list);

    /// <summary>The record with the request ids of the read its method's state came from (unless it has its own).</summary>
    public AuditRecord Identify(AuditRecord r) => AuthMethods.Find(r.Method)?.List is { } list && Of(list) is { } read ? r.RestingOn(read) : r;
}

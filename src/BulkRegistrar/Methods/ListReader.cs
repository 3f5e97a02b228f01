using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Methods;

/// <summary>
/// Reads a user's method lists (<see cref="MethodList"/>) into <see cref="CurrentMethods"/>: what apply and plan read before
/// planning, export reads to write a row, and revert reads before undoing. One place, so a list that answers 404 for "none"
/// (<see cref="MethodList.IsAbsent"/>) reads as nothing registered everywhere.
/// </summary>
internal static class ListReader
{
    /// <param name="together">Send every read at once (they share a batch), instead of one after another stopping at the first that fails.</param>
    public static async Task<ListReads> ReadAsync(GraphExecutor graph, GraphRequests requests, string id, IReadOnlyList<MethodList> lists, bool together)
    {
        var pending = together ? [.. lists.Select(Read)] : new List<Task<ExecutedCall>>();
        var current = CurrentMethods.None;
        var reads = new Dictionary<MethodList, CallResult>();
        for (var i = 0; i < lists.Count; i++)
        {
            var list = lists[i];
            var read = together ? await pending[i] : await Read(list);
            if (list.IsAbsent(read.Result))
            {
                current = current.With(list, null);
            }
            else if (read.Result.IsSuccess)
            {
                current = current.With(list, list.Parse(read.Result.Body!));
            }
            else
            {
                for (var rest = i + 1; rest < pending.Count; rest++)
                {
                    await pending[rest]; // every read that left is awaited, as before: none is left running unobserved
                }

                return new ListReads(null, reads, list, read);
            }

            reads[list] = read.Result;
        }

        return new ListReads(current, reads, null, null);

        Task<ExecutedCall> Read(MethodList list) => graph.RunAsync(new GraphCall(list.Request(requests, id), IsWrite: false));
    }
}

/// <summary>What reading a user's lists gave: the state, and the reads it rests on; or the list whose read failed, and its call.</summary>
internal sealed record ListReads(CurrentMethods? Current, IReadOnlyDictionary<MethodList, CallResult> Reads, MethodList? FailedList, ExecutedCall? Failed);

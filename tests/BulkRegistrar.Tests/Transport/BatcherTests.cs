using BulkRegistrar.Audit;
using BulkRegistrar.Tests.Dispatch;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Tests.Transport;

public sealed class BatcherTests : IAsyncLifetime
{
    private EmulatedGraph _graph = null!;

    private static string User(int i) => $"user{i:D2}@contoso.com";

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync(
        "[" + string.Join(",", Enumerable.Range(0, 45)
            .Select(i => $$"""{ "id": "00000000-0000-4000-8000-0000000000{{i:D2}}", "userPrincipalName": "{{User(i)}}" }""")) + "]");

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Calls_from_many_users_are_packed_twenty_at_most_to_a_batch_and_each_gets_its_own_answer()
    {
        // Every slot taken, so the 45 calls are all queued before the first batch is packed.
        var concurrency = _graph.Transport.Concurrency;
        var slots = concurrency.Current;
        for (var i = 0; i < slots; i++)
        {
            Assert.True(concurrency.AcquireAsync(CancellationToken.None).IsCompletedSuccessfully);
        }

        var calls = Enumerable.Range(0, 45).Select(i => _graph.Batcher.SubmitAsync(new GraphCall(_graph.Requests.GetUser(User(i)), IsWrite: false))).ToList();
        for (var i = 0; i < slots; i++)
        {
            concurrency.ReleaseUnused();
        }

        var results = await Task.WhenAll(calls);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(200, results[i].Status);
            Assert.Contains(User(i), results[i].Body!, StringComparison.Ordinal);
        }

        var stats = _graph.Emulator.GetStats();
        Assert.Equal(45, stats.BatchItems);
        Assert.Equal(3, stats.BatchEnvelopes);
        Assert.Equal([20, 20, 5], _graph.Emulator.GetRequestLog().Where(e => e.BatchRequestId is not null).GroupBy(e => e.BatchRequestId)
            .Select(b => b.Count()).OrderDescending());
    }

    [Fact]
    public async Task After_an_abort_nothing_more_is_sent_and_new_calls_fail_with_the_cause()
    {
        _graph.Batcher.Abort(new RunAbort(AbortCause.GraphForbidden, "Graph answered 403."));

        var call = new GraphCall(_graph.Requests.GetUser(User(1)), IsWrite: false);
        var e = await Assert.ThrowsAsync<RunAbortedException>(() => _graph.Batcher.SubmitAsync(call));

        Assert.Equal(AbortCause.GraphForbidden, e.Abort.Cause);
        Assert.Equal(AbortCause.GraphForbidden, _graph.Batcher.Aborted!.Cause);
        Assert.Equal(0, _graph.Emulator.GetStats().BatchEnvelopes);
    }
}

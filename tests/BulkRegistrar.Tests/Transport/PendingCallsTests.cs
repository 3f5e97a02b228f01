using System.Threading.Channels;
using BulkRegistrar.Transport;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;

public sealed class PendingCallsTests
{
    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>();
    private readonly FakeTimeProvider _time = new();

    private Pending Submit(string user, bool retry = false)
    {
        var request = new RequestInformation { HttpMethod = Method.GET, URI = new Uri($"https://graph.microsoft.com/v1.0/users/{user}") };
        var pending = new Pending(new GraphCall(request, IsWrite: false), new TaskCompletionSource<CallResult>(), CancellationToken.None, retry);
        Assert.True(_channel.Writer.TryWrite(pending));
        return pending;
    }

    private static string User(Pending p) => p.Call.Request.URI.AbsolutePath.Split('/')[^1];

    [Fact]
    public async Task Retries_are_packed_before_new_calls_that_came_earlier_each_kept_oldest_first()
    {
        var queue = new PendingCalls(_channel.Reader, CancellationToken.None);
        for (var i = 0; i < 25; i++)
        {
            Submit($"new{i}");
        }

        Submit("retry0", retry: true);
        Submit("retry1", retry: true);

        var first = await queue.NextBatchAsync(new ThrottleGate(_time), _time, CancellationToken.None);
        Assert.Equal(["retry0", "retry1", .. Enumerable.Range(0, 18).Select(i => $"new{i}")], first.Select(User));
        var second = await queue.NextBatchAsync(new ThrottleGate(_time), _time, CancellationToken.None);
        Assert.Equal(Enumerable.Range(18, 7).Select(i => $"new{i}"), second.Select(User));
    }

    [Fact]
    public async Task A_retry_under_way_is_marked_as_one_and_a_new_call_is_not()
    {
        Assert.False(RetryScope.Active);
        var inside = await Task.Run(() =>
        {
            RetryScope.Enter();
            return RetryScope.Active;
        });

        Assert.True(inside);
        Assert.False(RetryScope.Active); // the caller's flow is unchanged
    }
}

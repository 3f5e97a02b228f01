using System.Net;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Extensions.Http.Resilience;

namespace BulkRegistrar.Tests.Transport;

/// <summary>
/// The HTTP-level pipeline that replaces the SDK's RetryHandler. The emulator never throttles a
/// <c>$batch</c> envelope or fails a direct GET on demand, so a scripted inner handler answers here.
/// </summary>
public sealed class HttpResilienceTests
{
    private readonly ObservedClock _clock = new();
    private readonly Queue<Func<HttpResponseMessage>> _answers = new();
    private readonly DispatchOptions _options = new();
    private int _sent;

    private HttpClient Client(ThrottleGate gate) =>
        new(new ResilienceHandler(HttpResilience.Create(_options, gate, _clock, 1, Serilog.Core.Logger.None, randomizer: Backoff.Randomizer))
        {
            InnerHandler = new Scripted(this),
        });

    private static HttpResponseMessage Status(HttpStatusCode code, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(code);
        if (retryAfterSeconds is { } s)
        {
            response.Headers.Add("Retry-After", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    /// <summary>Lets the pipeline's delays pass on the fake clock, skipping the per-attempt timeout timers.</summary>
    private async Task<HttpResponseMessage> Finish(Task<HttpResponseMessage> call, List<TimeSpan> delays)
    {
        while (true)
        {
            var next = _clock.NextTimerAsync();
            if (await Task.WhenAny(call, next) == call)
            {
                return await call;
            }

            var due = await next;
            if (due != _options.AttemptTimeout)
            {
                delays.Add(due);
                _clock.Advance(due);
            }
        }
    }

    [Fact]
    public async Task A_throttled_batch_envelope_is_resent_after_its_retry_after_and_closes_the_shared_gate()
    {
        var gate = new ThrottleGate(_clock);
        _answers.Enqueue(() => Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3));
        _answers.Enqueue(() => Status(HttpStatusCode.OK));
        var delays = new List<TimeSpan>();

        var response = await Finish(Client(gate).PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}")), delays);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _sent);
        Assert.Equal([ThrottleGate.WithMargin(TimeSpan.FromSeconds(3))], delays);
        Assert.Equal(ThrottleGate.WithMargin(TimeSpan.FromSeconds(3)), gate.TimeClosed);
    }

    [Fact]
    public async Task A_throttled_envelope_that_names_the_write_budget_holds_only_writes()
    {
        var gate = new ThrottleGate(_clock);
        _answers.Enqueue(() =>
        {
            var r = Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 2);
            r.Headers.Add("x-ms-throttle-scope", "Tenant_Application/Write/app/tenant");
            r.Headers.Add("x-ms-throttle-information", "WriteLimitExceeded");
            return r;
        });
        _answers.Enqueue(() => Status(HttpStatusCode.OK));
        var delays = new List<TimeSpan>();
        var pending = Client(gate).PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}"));

        // Checked while the retry waits: after it the window has passed.
        var due = await _clock.NextTimerAsync();
        while (due == _options.AttemptTimeout)
        {
            due = await _clock.NextTimerAsync();
        }

        Assert.Equal(RequestKinds.Reads, gate.Open(RequestKinds.All));
        _clock.Advance(due);
        var response = await Finish(pending, delays);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_throttled_direct_request_without_a_budget_scope_is_retried_without_holding_anyone_else()
    {
        var gate = new ThrottleGate(_clock);
        _answers.Enqueue(() => Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3));
        _answers.Enqueue(() => Status(HttpStatusCode.OK));
        var delays = new List<TimeSpan>();

        var response = await Finish(Client(gate).GetAsync("https://127.0.0.1/v1.0/users/x"), delays);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([ThrottleGate.WithMargin(TimeSpan.FromSeconds(3))], delays);
        Assert.Equal(TimeSpan.Zero, gate.TimeClosed);
    }

    [Fact]
    public async Task A_200_batch_is_read_once_where_it_arrives_its_budget_items_close_the_gate_and_its_items_go_back_to_the_sender()
    {
        var gate = new ThrottleGate(_clock);
        _answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""
                {"responses":[
                  {"id":"2","status":201,"headers":{"Location":"https://x/op"},"body":{"id":"m"}},
                  {"id":"1","status":429,"headers":{"Retry-After":"4","x-ms-throttle-scope":"Tenant_Application/Write/a/t",
                    "x-ms-throttle-information":"WriteLimitExceeded"},"body":{"error":{"code":"TooManyRequests","message":"slow down"}}}]}
                """, System.Text.Encoding.UTF8, "application/json"),
        });
        var batch = new BatchOption(RequestKinds.Writes, steps: 2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://127.0.0.1/v1.0/$batch") { Content = new StringContent("{}") };
        request.Options.Set(BatchOption.Key, batch);

        using var response = await Client(gate).SendAsync(request);

        Assert.Equal(RequestKinds.Reads, gate.Open(RequestKinds.All));
        Assert.Equal(ThrottleGate.WithMargin(TimeSpan.FromSeconds(4)), gate.UntilAnyOpen(RequestKinds.Writes));
        var items = await batch.Answer!;
        Assert.Equal([(429, (TimeSpan?)TimeSpan.FromSeconds(4), (string?)null), (201, null, "https://x/op")],
            items.Select(r => (r.Status, r.RetryAfter, r.Location)));
        Assert.Equal("TooManyRequests", items[0].Error.Code);
    }

    [Fact]
    public async Task A_batch_envelope_that_met_a_server_error_is_not_resent_because_its_writes_may_have_run()
    {
        _answers.Enqueue(() => Status(HttpStatusCode.ServiceUnavailable));

        var response = await Client(new ThrottleGate(_clock)).PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _sent);
    }

    [Fact]
    public async Task A_read_that_met_a_server_error_is_retried_after_the_backoff()
    {
        _options.MaxDelay = TimeSpan.FromSeconds(2);
        _answers.Enqueue(() => Status(HttpStatusCode.BadGateway));
        _answers.Enqueue(() => Status(HttpStatusCode.OK));
        var delays = new List<TimeSpan>();

        var response = await Finish(Client(new ThrottleGate(_clock)).GetAsync("https://127.0.0.1/v1.0/users/x"), delays);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _sent);
        Assert.Equal([Backoff.Delay(0, _options.BaseDelay)], delays);
    }

    [Fact]
    public async Task An_envelope_refused_with_429_is_sent_at_most_envelope_attempts_times_with_backoff_capped_at_max_delay()
    {
        _options.EnvelopeAttempts = 4;
        _options.BaseDelay = TimeSpan.FromSeconds(1);
        _options.MaxDelay = TimeSpan.FromSeconds(1.5);
        for (var i = 0; i < 5; i++)
        {
            _answers.Enqueue(() => Status(HttpStatusCode.TooManyRequests));
        }

        var delays = new List<TimeSpan>();
        var response = await Finish(Client(new ThrottleGate(_clock)).PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}")), delays);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(4, _sent);
        Assert.True(Backoff.Delay(2, _options.BaseDelay) > _options.MaxDelay);
        Assert.Equal([Backoff.Delay(0, _options.BaseDelay), Backoff.Delay(1, _options.BaseDelay), _options.MaxDelay], delays);
    }

    [Fact]
    public async Task One_envelope_attempt_means_a_throttled_envelope_is_never_resent_whole()
    {
        _options.EnvelopeAttempts = 1;
        _answers.Enqueue(() => Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1));

        var response = await Client(new ThrottleGate(_clock)).PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1, _sent);
    }

    [Fact]
    public async Task An_attempt_without_an_answer_is_given_up_after_the_attempt_timeout_and_not_resent()
    {
        _options.AttemptTimeout = TimeSpan.FromSeconds(75);
        _answers.Enqueue(() => throw new InvalidOperationException("unreachable: the handler hangs"));
        _hang = true;

        var pending = Client(new ThrottleGate(_clock)).PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}"));
        Assert.Equal(TimeSpan.FromSeconds(75), await _clock.NextTimerAsync());
        _clock.Advance(TimeSpan.FromSeconds(75) - TimeSpan.FromTicks(1));
        Assert.False(pending.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));

        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => pending);
        Assert.Equal(1, _sent);
    }

    private bool _hang;

    [Fact]
    public async Task A_direct_request_sent_after_another_ones_429_waits_out_that_retry_after_before_it_leaves()
    {
        var client = Client(new ThrottleGate(_clock));
        var window = ThrottleGate.WithMargin(TimeSpan.FromSeconds(2));
        _answers.Enqueue(() => Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 2));
        _answers.Enqueue(() => Status(HttpStatusCode.OK));
        _answers.Enqueue(() => Status(HttpStatusCode.OK));

        var first = client.GetAsync("https://127.0.0.1/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Sms");
        Assert.Equal(window, await NextWait()); // its own retry's delay
        var second = client.GetAsync("https://127.0.0.1/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass");
        var held = await NextWait();

        // Graph may keep one window for both reads: the second is held for what is left of it, not sent beside the first's retry.
        Assert.InRange(held, window - TimeSpan.FromMilliseconds(1), window);
        Assert.Equal(1, _sent);
        _clock.Advance(window);
        Assert.Equal(HttpStatusCode.OK, (await Finish(first, [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Finish(second, [])).StatusCode);
        Assert.Equal(3, _sent);
    }

    /// <summary>The next delay the pipeline sets, skipping the per-attempt timeout timers.</summary>
    private async Task<TimeSpan> NextWait()
    {
        while (true)
        {
            var due = await _clock.NextTimerAsync();
            if (due != _options.AttemptTimeout)
            {
                return due;
            }
        }
    }

    private sealed class Scripted(HttpResilienceTests test) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test._sent++;
            if (test._hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken); // no answer until the attempt is given up
            }

            return test._answers.Dequeue()();
        }
    }
}

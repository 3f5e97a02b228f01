using System.Net;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;

/// <summary>
/// The two retry layers together (docs/sdk-notes.md §4.1): the item layer (<see cref="GraphExecutor"/>) over
/// the envelope layer (<see cref="HttpResilience"/>), both bound by Dispatch options, and the options' range
/// checks. A scripted handler answers: the emulator never refuses a whole envelope.
/// </summary>
public sealed class RetryLayersTests
{
    private readonly ObservedClock _clock = new();

    [Fact]
    public async Task An_operation_costs_at_most_max_attempts_times_envelope_attempts_sends()
    {
        var options = new DispatchOptions
        {
            MaxAttempts = 3, EnvelopeAttempts = 2, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1),
            MaxRetryTime = TimeSpan.FromHours(1),
        };
        var sent = 0;
        using var http = new HttpClient(new ResilienceHandler(HttpResilience.Create(options, new ThrottleGate(_clock), _clock, 1, Serilog.Core.Logger.None))
        {
            InnerHandler = new Always(() => Interlocked.Increment(ref sent), HttpStatusCode.TooManyRequests),
        });
        var executor = new GraphExecutor(async (_, ct) =>
        {
            using var envelope = await http.PostAsync("https://127.0.0.1/v1.0/$batch", new StringContent("{}"), ct);
            return new CallResult((int)envelope.StatusCode, "{}", null, null, null);
        }, _clock, new DispatchStats(), options, 1);
        var write = new GraphCall(new RequestInformation { HttpMethod = Method.POST, URI = new Uri("https://127.0.0.1/v1.0/users/1") }, IsWrite: true);

        var run = executor.RunAsync(write);
        while (!run.IsCompleted)
        {
            var next = _clock.NextTimerAsync();
            if (await Task.WhenAny(run, next) == run)
            {
                break;
            }

            // Only the layers' backoff delays are let pass; the attempt timeout and the time bound never come due.
            if (await next is var due && due != options.AttemptTimeout && due != options.MaxRetryTime)
            {
                _clock.Advance(due);
            }
        }

        var executed = await run;
        Assert.Equal(429, executed.Result.Status);
        Assert.Equal(3, executed.Attempts);
        Assert.Equal(options.WorstCaseSends, sent);
        Assert.Equal(6, sent);
    }

    [Fact]
    public void The_default_retry_numbers_are_valid_and_bound_an_operation_to_sixty_sends()
    {
        var defaults = new DispatchOptions();

        Assert.Empty(defaults.Validate());
        Assert.Equal((10, 6, 60), (defaults.MaxAttempts, defaults.EnvelopeAttempts, defaults.WorstCaseSends));
        Assert.Equal(TimeSpan.FromSeconds(100), defaults.AttemptTimeout);
    }

    [Theory]
    [InlineData("MaxAttempts", "0")]
    [InlineData("MaxAttempts", "101")]
    [InlineData("EnvelopeAttempts", "0")]
    [InlineData("EnvelopeAttempts", "11")]
    [InlineData("BaseDelay", "00:00:00")]
    [InlineData("MaxDelay", "00:00:00.500", "Dispatch:BaseDelay")]
    [InlineData("AttemptTimeout", "00:01:00")]
    [InlineData("AttemptTimeout", "00:11:00")]
    [InlineData("MaxRetryTime", "00:00:00")]
    public void An_out_of_range_retry_number_is_refused_naming_its_key(string key, string value, string? named = null)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Dispatch:" + key] = value }).Build()
            .GetSection("Dispatch").Get<DispatchOptions>()!;

        var error = Assert.Single(options.Validate());
        Assert.StartsWith((named ?? "Dispatch:" + key) + " must be", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_number_out_of_range_in_the_configuration_stops_the_run_before_it_starts_with_one_sentence()
    {
        using var cli = new CliRun();
        var config = cli.WriteFile("config.json", """{ "Dispatch": { "EnvelopeAttempts": 0 } }""");
        var csv = cli.WriteFile("a.csv", "user,mobile\na@contoso.com,+44 7400 123456\n");

        var exit = await cli.Validate(csv, "--config", config);

        Assert.Equal(BulkRegistrar.Audit.ExitCodes.CannotProcess, exit);
        Assert.Contains("Dispatch:EnvelopeAttempts must be between 1 and 10", cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(cli.RunFolder));
    }

    private sealed class Always(Action onSend, HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(new HttpResponseMessage(status));
        }
    }
}

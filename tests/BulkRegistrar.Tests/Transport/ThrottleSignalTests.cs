using System.Net;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Tests.Transport;

/// <summary>
/// The one reading of Graph's throttle feedback (<see cref="ThrottleSignal"/>): a table of answers and what each holds for
/// everyone, which bucket it empties and whether it says "busy". Pure: no emulator, no clock.
/// </summary>
public class ThrottleSignalTests
{
    private const string WriteScope = "Tenant_Application/Write/app/tenant";
    private const string ReadScope = "Tenant_Application/Read/app/tenant";
    private const string ReadWriteScope = "Tenant_Application/ReadWrite/app/tenant";

    private static TimeSpan? Held(double? retryAfterSeconds) => retryAfterSeconds is { } s ? ThrottleGate.WithMargin(TimeSpan.FromSeconds(s)) : null;

    /// <param name="reads">Retry-After seconds the answer holds every read for (margin added), or null.</param>
    /// <param name="buckets">The pacer buckets emptied: W (writes), R (resource units).</param>
    [Theory]
    [InlineData(200, null, null, null, null, false, null, null, "None", "", false, null)]
    [InlineData(201, null, null, null, 0.95, false, null, null, "None", "", false, 0.95)]
    [InlineData(429, 3.0, WriteScope, "WriteLimitExceeded", null, false, null, 3.0, "Writes", "W", false, null)]
    [InlineData(429, 2.0, ReadScope, "ResourceUnitLimitExceeded", null, false, 2.0, null, "Reads", "R", false, null)]
    [InlineData(429, 4.0, ReadWriteScope, "ResourceUnitLimitExceeded", 1.0, false, 4.0, 4.0, "All", "R", false, 1.0)]
    [InlineData(429, 2.0, WriteScope, null, null, false, null, 2.0, "Writes", "W", false, null)]
    [InlineData(429, 2.0, null, "WriteLimitExceeded", null, false, null, 2.0, "Writes", "W", false, null)]
    [InlineData(429, 2.0, null, "ResourceUnitLimitExceeded", null, false, 2.0, 2.0, "All", "R", false, null)]
    [InlineData(429, null, WriteScope, "WriteLimitExceeded", null, false, null, 1.0, "Writes", "W", false, null)]
    [InlineData(429, 5.0, null, null, null, false, null, null, "None", "", true, null)]
    [InlineData(429, 5.0, ReadWriteScope, "ServiceBusy", null, false, null, null, "None", "", true, null)]
    [InlineData(429, 5.0, null, null, null, true, 5.0, 5.0, "None", "", true, null)]
    [InlineData(429, null, null, null, null, true, 1.0, 1.0, "None", "", true, null)]
    [InlineData(429, 3.0, WriteScope, "WriteLimitExceeded", null, true, null, 3.0, "Writes", "W", false, null)]
    [InlineData(503, 5.0, null, null, null, true, 5.0, 5.0, "None", "", true, null)]
    [InlineData(503, 5.0, null, null, null, false, null, null, "None", "", false, null)]
    [InlineData(503, null, null, null, null, true, null, null, "None", "", false, null)]
    [InlineData(503, 5.0, WriteScope, "WriteLimitExceeded", null, false, null, null, "None", "", false, null)]
    public void Each_answer_gives_one_signal_for_the_gate_the_pacer_and_the_concurrency_limit(int status, double? retryAfter, string? scope,
        string? information, double? percentage, bool envelope, double? reads, double? writes, string budget, string buckets, bool busy, double? early)
    {
        var signal = ThrottleSignal.Of(status, retryAfter is { } s ? TimeSpan.FromSeconds(s) : null, scope, information, percentage, envelope);

        Assert.Equal(new ThrottleSignal(Held(reads), Held(writes), Enum.Parse<RequestKinds>(budget), buckets.Contains('W', StringComparison.Ordinal),
            buckets.Contains('R', StringComparison.Ordinal), busy, early), signal);
    }

    [Theory]
    [InlineData("Tenant_Application/Write/app/tenant", "WriteLimitExceeded", "Writes")]
    [InlineData("Tenant/Write/app/tenant", "WriteLimitExceeded", "Writes")]
    [InlineData("Tenant_Application/Read/app/tenant", "ResourceUnitLimitExceeded", "Reads")]
    [InlineData("Tenant_Application/ReadWrite/app/tenant", "ResourceUnitLimitExceeded", "All")]
    [InlineData("Tenant_Application/Write/app/tenant", null, "Writes")]
    [InlineData(null, "WriteLimitExceeded", "Writes")]
    [InlineData(null, "ResourceUnitLimitExceeded", "All")]
    [InlineData(null, null, "None")]
    [InlineData("Tenant_Application/ReadWrite/app/tenant", "ServiceBusy", "None")]
    public void A_429_holds_for_everyone_only_the_kind_of_request_its_budget_scope_names(string? scope, string? information, string held)
    {
        Assert.Equal(Enum.Parse<RequestKinds>(held), ThrottleSignal.BudgetKinds(scope, information));
    }

    [Fact]
    public void A_batch_is_one_signal_each_kind_held_for_its_longest_retry_after_and_each_named_bucket_emptied()
    {
        var signal = ThrottleSignal.Of([Item(429, 2, WriteScope, "WriteLimitExceeded"), Item(429, 5, ReadScope, "ResourceUnitLimitExceeded"),
            Item(429, 4, WriteScope, "WriteLimitExceeded"), Item(201) with { ThrottleLimitPercentage = 0.5 }]);

        Assert.Equal(new ThrottleSignal(Held(5), Held(4), RequestKinds.All, WriteBucketEmpty: true, ResourceBucketEmpty: true, LimitPercentage: 0.5), signal);
        Assert.Equal(Held(5), signal.Pause);
    }

    [Fact]
    public void Twenty_items_refused_by_one_empty_bucket_are_the_same_signal_as_one()
    {
        var one = Item(429, 3, WriteScope, "WriteLimitExceeded");

        Assert.Equal(ThrottleSignal.Of(one), ThrottleSignal.Of(Enumerable.Repeat(one, 20)));
    }

    [Fact]
    public void A_busy_item_among_successes_says_busy_holds_nobody_and_keeps_the_highest_early_warning()
    {
        var signal = ThrottleSignal.Of([Item(201) with { ThrottleLimitPercentage = 0.93 }, Item(429, 1), Item(200) with { ThrottleLimitPercentage = 0.4 }]);

        Assert.Equal(new ThrottleSignal(Busy: true, LimitPercentage: 0.93), signal);
        Assert.Equal(RequestKinds.None, signal.Holds);
    }

    [Fact]
    public void The_answer_a_refused_envelope_gave_every_item_reads_as_an_envelope()
    {
        var shared = Item(429, 2) with { FromEnvelope = true };

        Assert.Equal(RequestKinds.All, ThrottleSignal.Of(shared).Holds);
        Assert.Equal(RequestKinds.None, ThrottleSignal.Of(shared with { FromEnvelope = false }).Holds);
    }

    [Fact]
    public void A_whole_response_is_read_from_its_headers_and_an_http_date_retry_after_counts_from_its_own_date()
    {
        var sent = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Date = sent;
        response.Headers.Add("Retry-After", sent.AddSeconds(7).ToString("r"));
        response.Headers.Add("x-ms-throttle-scope", ReadWriteScope);
        response.Headers.Add("x-ms-throttle-information", "ResourceUnitLimitExceeded");
        response.Headers.Add("x-ms-throttle-limit-percentage", "1.0");

        Assert.Equal(new ThrottleSignal(Held(7), Held(7), RequestKinds.All, ResourceBucketEmpty: true, LimitPercentage: 1.0),
            ThrottleSignal.Of(response, batch: true));
    }

    [Fact]
    public void The_gate_holds_what_the_signal_names_each_kind_for_its_own_time()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var gate = new ThrottleGate(time);

        gate.Hold(new ThrottleSignal(HoldReads: TimeSpan.FromSeconds(5), HoldWrites: TimeSpan.FromSeconds(2)));

        Assert.Equal(TimeSpan.FromSeconds(2), gate.UntilAnyOpen(RequestKinds.Writes));
        Assert.Equal(TimeSpan.FromSeconds(5), gate.UntilAnyOpen(RequestKinds.Reads));
        Assert.Equal(TimeSpan.FromSeconds(5), gate.TimeClosed);
    }

    [Fact]
    public void A_busy_signal_closes_nothing()
    {
        var gate = new ThrottleGate(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        gate.Hold(ThrottleSignal.Of(429, TimeSpan.FromSeconds(5), null, null, null, envelope: false));

        Assert.Equal(RequestKinds.All, gate.Open(RequestKinds.All));
        Assert.Equal(TimeSpan.Zero, gate.TimeClosed);
    }

    private static CallResult Item(int status, double? retryAfterSeconds = null, string? scope = null, string? information = null) =>
        new(status, null, null, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null, null) { ThrottleScope = scope, ThrottleInformation = information };

    [Fact]
    public void A_busy_429_on_a_few_items_of_an_answered_batch_does_not_tell_the_concurrency_the_service_is_busy()
    {
        var busy = ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), null, null, null, envelope: false);

        Assert.False(busy.ForConcurrency(throttled: 3, items: 20).Busy);
        Assert.True(busy.ForConcurrency(throttled: 10, items: 20).Busy);
        Assert.True(busy.ForConcurrency(throttled: 1, items: 1).Busy);
        var refusedEnvelope = ThrottleSignal.Of(429, TimeSpan.FromSeconds(1), null, null, null, envelope: true);
        Assert.NotNull(refusedEnvelope.HoldReads);
        Assert.Equal(refusedEnvelope.HoldReads, refusedEnvelope.ForConcurrency(3, 20).HoldReads); // only what the concurrency hears changes
    }
}

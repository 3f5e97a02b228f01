using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Throttling;

/// <summary>
/// Strict item 3: throttle headers and scopes, transient 429s, envelope faults, and Retry-After
/// violations counted per scope. A tiny write bucket (3, +0.5/s) on a fake clock.
/// </summary>
public sealed class StrictThrottlingTests : IAsyncLifetime
{
    private static readonly TimeSpan AfterReading = TimeSpan.FromMilliseconds(20); // beyond the 10 ms reaction margin
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartStrictAsync(_time, o =>
        {
            o.ThrottlingProfile = "entra-L";
            o.ThrottlingOverrides = new ThrottlingOverrides { WriteCapacity = 3, WriteRefillPerSecond = 0.5, RuCapacity = 50, RuRefillPerSecond = 1 };
        });
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_budget_429_names_its_scope_and_reason_and_a_transient_429_names_neither()
    {
        var budget = await WriteLimit429();
        _time.Advance(TimeSpan.FromSeconds(10));
        _emulator.ScheduleFault(EmulatorFault.Throttle429);
        var transient = await Sdk.ErrorOf(() => _graph.Users[Users.Plain2].Authentication.PhoneMethods.GetAsync());

        Assert.StartsWith($"Tenant_Application/Write/{_emulator.ClientId}/{_emulator.TenantId}", Header(budget, "x-ms-throttle-scope"),
            StringComparison.Ordinal);
        Assert.Equal("WriteLimitExceeded", Header(budget, "x-ms-throttle-information"));
        Assert.Equal(429, transient.ResponseStatusCode);
        Assert.NotNull(Header(transient, "Retry-After"));
        Assert.Null(Header(transient, "x-ms-throttle-scope"));
        Assert.Null(Header(transient, "x-ms-throttle-information"));
    }

    [Fact]
    public async Task A_read_over_the_resource_unit_budget_is_scoped_Read()
    {
        _emulator.SetThrottling("entra-L", overrides: new ThrottlingOverrides { RuCapacity = 1, RuRefillPerSecond = 0.5 });
        await _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync();
        var ex = await Sdk.ErrorOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());

        Assert.StartsWith("Tenant_Application/Read/", Header(ex, "x-ms-throttle-scope"), StringComparison.Ordinal);
        Assert.Equal("ResourceUnitLimitExceeded", Header(ex, "x-ms-throttle-information"));
    }

    [Fact]
    public async Task A_write_for_another_user_inside_a_budget_429_window_of_its_scope_is_a_violation_and_extends_it()
    {
        await WriteLimit429(); // window: 2 s for every write of this app
        _time.Advance(TimeSpan.FromSeconds(1));

        var early = await Sdk.ErrorOf(() => CreateOffice(Users.Plain3, "+1 4255550301"));
        var read = await _graph.Users[Users.Plain3].Authentication.PhoneMethods.GetAsync(); // not in the Write scope

        Assert.Equal(429, early.ResponseStatusCode);
        Assert.Equal("3", Header(early, "Retry-After")); // 1 s left + the 2 s penalty
        Assert.NotNull(read);
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(200, await Sdk.StatusOf(() => CreateOffice(Users.Plain3, "+1 4255550301")));
    }

    [Fact]
    public async Task A_request_already_in_flight_when_the_429_left_is_throttled_but_not_a_violation()
    {
        await WriteLimit429();

        // Same instant as the 429's delivery: the client cannot have read it yet.
        var inFlight = await Sdk.ErrorOf(() => CreateOffice(Users.Plain3, "+1 4255550302"));

        Assert.Equal(429, inFlight.ResponseStatusCode);
        Assert.Equal(0, _emulator.GetStats().RetryAfterViolations);
    }

    [Fact]
    public async Task Another_users_request_during_a_transient_429_is_not_a_violation_but_the_same_users_is()
    {
        _emulator.ScheduleFault(EmulatorFault.Throttle429, pathContains: Users.Plain);
        await Sdk.ErrorOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        _time.Advance(AfterReading);

        var other = await Sdk.StatusOf(() => _graph.Users[Users.Plain2].Authentication.PhoneMethods.GetAsync());
        var same = await Sdk.StatusOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());

        Assert.Equal(200, other);
        Assert.Equal(429, same);
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);
    }

    [Fact]
    public async Task A_503_may_carry_retry_after_and_an_early_retry_for_that_user_is_a_violation()
    {
        _emulator.ScheduleFault(EmulatorFault.Status503RetryAfter);
        var busy = await Sdk.ErrorOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        _time.Advance(AfterReading);
        var early = await Sdk.StatusOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        _time.Advance(TimeSpan.FromSeconds(5));
        var later = await Sdk.StatusOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());

        Assert.Equal(503, busy.ResponseStatusCode);
        Assert.Equal("2", Header(busy, "Retry-After"));
        Assert.Equal(429, early);
        Assert.Equal(200, later);
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);
    }

    [Fact]
    public async Task The_batch_envelope_itself_can_be_throttled_and_an_envelope_sent_inside_its_window_is_a_violation()
    {
        _emulator.ScheduleFault(EmulatorFault.Envelope429);
        using var http = Clients.Raw(_emulator, _emulator.IssueToken(Clients.AllRoles));
        using var throttled = await http.PostAsync("/v1.0/$batch", new StringContent(
            $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{Users.Plain}}/authentication/phoneMethods"}]}""", System.Text.Encoding.UTF8,
                "application/json"));
        _time.Advance(AfterReading);
        var early = await Assert.ThrowsAnyAsync<ApiException>(() => SendBatch(Users.Plain2));
        var direct = await Sdk.StatusOf(() => _graph.Users[Users.Plain2].Authentication.PhoneMethods.GetAsync());
        _time.Advance(TimeSpan.FromSeconds(5));
        var codes = await SendBatch(Users.Plain2);

        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal("2", throttled.Headers.GetValues("Retry-After").Single());
        Assert.Equal(429, early.ResponseStatusCode);
        Assert.Equal(200, direct); // the envelope's Retry-After holds envelopes only
        Assert.Equal(System.Net.HttpStatusCode.OK, Assert.Single(codes.Values));
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);
        Assert.Equal(0, _emulator.GetStats().BatchItems - 1); // only the last envelope's item ran
        var envelopes = _emulator.GetRequestLog().Where(e => e.Url == "/$batch").ToList();
        Assert.Equal([(429, "envelope429"), (429, "retryAfterViolation")], envelopes.Select(e => (e.Status, e.Fault)));
        Assert.All(envelopes, e => Assert.Equal("POST", e.Method));
    }

    [Fact]
    public async Task An_envelope_503_runs_nothing_and_an_envelope_504_may_come_after_every_item_ran()
    {
        _emulator.ScheduleFault(EmulatorFault.Envelope503);
        Assert.Equal(503, (await Assert.ThrowsAnyAsync<ApiException>(() => SendCreate(Users.Plain, "+44 7400555303"))).ResponseStatusCode);
        Assert.Empty(_emulator.GetUserState(Users.Plain)!.PhoneMethods);

        _emulator.ScheduleFault(EmulatorFault.Envelope504AfterItemsRan);
        Assert.Equal(504, (await Assert.ThrowsAnyAsync<ApiException>(() => SendCreate(Users.Plain, "+44 7400555303"))).ResponseStatusCode);
        Assert.Single(_emulator.GetUserState(Users.Plain)!.PhoneMethods); // applied, the answer lost
        Assert.Equal(1, _emulator.GetStats().LostResponseWrites);
        Assert.Equal([(503, "envelope503"), (504, "envelope504AfterItemsRan")],
            _emulator.GetRequestLog().Where(e => e.Url == "/$batch").Select(e => (e.Status, e.Fault)));
    }

    [Fact]
    public async Task A_429_item_in_an_envelope_answered_504_was_never_read_so_the_users_next_request_is_no_violation()
    {
        _emulator.ScheduleFault(EmulatorFault.Throttle429, pathContains: Users.Plain); // the item's answer: 429, Retry-After, a window for the user
        _emulator.ScheduleFault(EmulatorFault.Envelope504AfterItemsRan); // ... which never reaches the client
        Assert.Equal(504, (await Assert.ThrowsAnyAsync<ApiException>(() => SendBatch(Users.Plain))).ResponseStatusCode);
        _time.Advance(AfterReading);

        var next = await Sdk.StatusOf(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());

        Assert.Equal(200, next);
        Assert.Equal(0, _emulator.GetStats().RetryAfterViolations);
        Assert.Contains(_emulator.GetRequestLog(), e => e.Fault == "spurious429"); // the item did meet its 429
    }

    /// <summary>Spends the 3 writes on three users, then a write for a fourth user is refused by the budget.</summary>
    private async Task<ODataError> WriteLimit429()
    {
        foreach (var upn in new[] { Users.WithAlternate, Users.WithMobile, Users.Plain2 })
        {
            await CreateOffice(upn, "+1 4255550300");
        }

        var ex = await Sdk.ErrorOf(() => CreateOffice(Users.Plain, "+1 4255550300"));
        Assert.Equal(429, ex.ResponseStatusCode);
        return ex;
    }

    private Task<PhoneAuthenticationMethod?> CreateOffice(string upn, string number) =>
        _graph.Users[upn].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = number,
            PhoneType = AuthenticationPhoneType.Office });

    private async Task<Dictionary<string, System.Net.HttpStatusCode>> SendBatch(string upn)
    {
        var batch = new BatchRequestContentCollection(_graph);
        await batch.AddBatchRequestStepAsync(_graph.Users[upn].Authentication.PhoneMethods.ToGetRequestInformation());
        return await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync();
    }

    private async Task SendCreate(string upn, string number)
    {
        var batch = new BatchRequestContentCollection(_graph);
        await batch.AddBatchRequestStepAsync(_graph.Users[upn].Authentication.PhoneMethods.ToPostRequestInformation(
            new PhoneAuthenticationMethod { PhoneNumber = number, PhoneType = AuthenticationPhoneType.Mobile }));
        await _graph.Batch.PostAsync(batch);
    }

    private static string? Header(ODataError e, string name) =>
        e.ResponseHeaders.TryGetValue(name, out var v) ? v.SingleOrDefault() : null;
}

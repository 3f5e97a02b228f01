using System.Net;
using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Faults;

/// <summary>Seeded fault injection (docs/graph-behaviour.md §T6.4) and the lost-response fault, on a private emulator.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartIsolatedAsync(_time, o => o.FaultSeed = 7);
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task The_same_fault_seed_gives_the_same_fault_sequence_and_another_seed_a_different_one()
    {
        _emulator.SetFaultProfile("chaos", seed: 42);
        var first = await Statuses();
        _emulator.Reset();
        _emulator.SetFaultProfile("chaos", seed: 42);
        var again = await Statuses();
        _emulator.Reset();
        _emulator.SetFaultProfile("chaos", seed: 43);
        var other = await Statuses();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(first, s => s != 200);
        Assert.Contains(first, s => s == 200);
    }

    [Fact]
    public async Task A_lost_response_applies_the_write_and_a_naive_retry_becomes_a_duplicate_create()
    {
        _emulator.ScheduleFault(EmulatorFault.LostResponse503, method: "POST");
        var lost = await Assert.ThrowsAsync<ODataError>(() => _graph.CreateMobile(Users.Plain, "+44 7400555040"));
        Assert.Equal(503, lost.ResponseStatusCode);
        Assert.Single(_emulator.GetUserState(Users.Plain)!.PhoneMethods); // the write landed

        var retry = await Assert.ThrowsAsync<ODataError>(() => _graph.CreateMobile(Users.Plain, "+44 7400555040"));
        Assert.Equal(400, retry.ResponseStatusCode);
        var stats = _emulator.GetStats();
        Assert.Equal(1, stats.LostResponseWrites);
        Assert.Equal(1, stats.DuplicateCreateAttempts);
        Assert.Equal(1, stats.WritesApplied);
    }

    [Fact]
    public async Task A_lost_response_inside_a_batch_fails_only_that_item_after_its_write_landed()
    {
        _emulator.ScheduleFault(EmulatorFault.LostResponse504, pathContains: Users.Plain2);
        var batch = new BatchRequestContentCollection(_graph);
        var a = await batch.AddBatchRequestStepAsync(PostMobile(Users.Plain, "+44 7400555041"));
        var b = await batch.AddBatchRequestStepAsync(PostMobile(Users.Plain2, "+44 7400555042"));
        var codes = await (await _graph.Batch.PostAsync(batch)).GetResponsesStatusCodesAsync();

        Assert.Equal(HttpStatusCode.Created, codes[a]);
        Assert.Equal(HttpStatusCode.GatewayTimeout, codes[b]);
        Assert.Single(_emulator.GetUserState(Users.Plain2)!.PhoneMethods);
        Assert.Equal(1, _emulator.GetStats().LostResponseWrites);
    }

    [Fact]
    public async Task A_dropped_connection_aborts_the_call_without_applying_it()
    {
        _emulator.ScheduleFault(EmulatorFault.DropConnection);
        await Assert.ThrowsAsync<HttpRequestException>(() => _graph.CreateMobile(Users.Plain, "+44 7400555043"));
        Assert.Empty(_emulator.GetUserState(Users.Plain)!.PhoneMethods);
        Assert.Equal(1, _emulator.GetStats().FaultsInjected["droppedConnection"]);
    }

    [Fact]
    public async Task A_spurious_429_opens_a_retry_after_window_even_with_the_budget_off()
    {
        _emulator.ScheduleFault(EmulatorFault.Throttle429);
        var first = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        Assert.Equal("5", first.ResponseHeaders["Retry-After"].Single());

        await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);

        _time.Advance(TimeSpan.FromSeconds(10)); // 5 s window + 5 s penalty for the early retry
        Assert.NotNull(await _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
    }

    [Fact]
    public async Task The_request_log_holds_every_item_of_a_chaos_batch_also_those_the_failed_batch_never_ran()
    {
        _emulator.SetFaultProfile("chaos", seed: 42);
        using var http = Clients.Raw(_emulator, _emulator.IssueToken(Clients.AllRoles));
        var body = $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{Users.Plain}}/authentication/phoneMethods"},"""
            + $$"""{"id":"2","method":"GET","url":"/users/{{Users.Plain2}}/authentication/phoneMethods"}]}""";
        for (var i = 0; i < 20; i++)
        {
            using var answer = await http.PostAsync("/v1.0/$batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            _time.Advance(TimeSpan.FromSeconds(10)); // stay clear of Retry-After windows from chaos 429s
        }

        var items = _emulator.GetRequestLog().Where(e => e.BatchRequestId is not null).ToList();
        Assert.Equal(40, items.Count);
        Assert.All(items.GroupBy(e => e.BatchRequestId), b => Assert.Equal(2, b.Count()));
        var failed = items.Where(e => e.Status != 200).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, e => Assert.Matches("^(status5[0-9]{2}|spurious429)$", e.Fault));
    }

    [Fact]
    public async Task Realistic_faults_are_rare_and_only_retryable_statuses()
    {
        _emulator.SetFaultProfile("realistic", seed: 1);
        var statuses = new List<int>();
        for (var i = 0; i < 400; i++)
        {
            var status = await Sdk.StatusOf(() => _graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync());
            statuses.Add(status);
            if (status == 429)
            {
                _time.Advance(TimeSpan.FromSeconds(5)); // a compliant client honours Retry-After
            }
        }

        var failures = statuses.Where(s => s != 200).ToList();
        Assert.InRange(failures.Count, 1, 20);
        Assert.All(failures, s => Assert.Contains(s, new[] { 429, 500, 502, 503, 504 }));
    }

    private async Task<List<int>> Statuses()
    {
        var result = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            result.Add(await Sdk.StatusOf(() => _graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync()));
            _time.Advance(TimeSpan.FromSeconds(10)); // stay clear of Retry-After windows from chaos 429s
        }

        return result;
    }

    private Microsoft.Kiota.Abstractions.RequestInformation PostMobile(string upn, string number) =>
        _graph.PostPhone(upn, number, AuthenticationPhoneType.Mobile);
}

using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Faults;

/// <summary>Strict item 8: only the statuses Graph documents, plus the ambiguous failures a client must survive.</summary>
public sealed class StrictFaultTests : IAsyncLifetime
{
    private const string Mobile = "3179e48a-750b-4051-897c-87b9720928f7";
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartStrictAsync(_time, o => o.FaultSeed = 3);
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task The_strict_mix_uses_only_graphs_documented_statuses_and_never_502()
    {
        // Ten times the strict rates so a few hundred calls see every kind; the kinds and codes are what is checked.
        await using var emulator = await TestEmulator.StartStrictAsync(_time, o => (o.FaultSeed, o.StrictFaultScale) = (3, 10));
        var graph = Clients.Graph(emulator, emulator.IssueToken(Clients.AllRoles));
        var statuses = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            var write = i % 2 == 0;
            var status = await Sdk.StatusOf(write
                ? () => graph.Users[Users.WithMobile].Authentication.PhoneMethods[Mobile].PatchAsync(new PhoneAuthenticationMethod { PhoneNumber = "+44 "
                    + "7400123456" })
                : () => graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync());
            statuses.Add(status);
            _time.Advance(TimeSpan.FromSeconds(10)); // past any Retry-After: a compliant client
        }

        var failures = statuses.Where(s => s != 200).ToList();
        Assert.All(failures, s => Assert.Contains(s, new[] { 0, 429, 500, 503, 504, 507, 509 }));
        Assert.Subset(failures.ToHashSet(), new HashSet<int> { 500, 503, 504 });
        var kinds = emulator.GetStats().FaultsInjected.Keys.ToHashSet();
        Assert.Contains(kinds, k => k.StartsWith("lostResponse", StringComparison.Ordinal));
        Assert.Contains(kinds, k => k.StartsWith("timeout", StringComparison.Ordinal));
        Assert.Equal(0, emulator.GetStats().RetryAfterViolations);
    }

    [Fact]
    public async Task A_server_timeout_answers_504_and_the_write_may_or_may_not_have_landed()
    {
        _emulator.ScheduleFault(EmulatorFault.TimeoutNotApplied, method: "POST");
        var notApplied = await Sdk.ErrorOf(() => _graph.CreateMobile(Users.Plain, "+44 7400555601"));
        var stateAfterFirst = _emulator.GetUserState(Users.Plain)!.PhoneMethods.Count;
        _emulator.ScheduleFault(EmulatorFault.TimeoutApplied, method: "POST");
        var applied = await Sdk.ErrorOf(() => _graph.CreateMobile(Users.Plain, "+44 7400555601"));

        Assert.Equal((504, 504), (notApplied.ResponseStatusCode, applied.ResponseStatusCode));
        Assert.Equal(0, stateAfterFirst);
        Assert.Single(_emulator.GetUserState(Users.Plain)!.PhoneMethods);
        Assert.Equal(1, _emulator.GetStats().LostResponseWrites);
    }

    [Fact]
    public async Task A_509_answers_the_bandwidth_code()
    {
        _emulator.ScheduleFault(EmulatorFault.Status509);
        var ex = await Assert.ThrowsAnyAsync<ApiException>(() => _graph.Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(509, ex.ResponseStatusCode);
    }
}

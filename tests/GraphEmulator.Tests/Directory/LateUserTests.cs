using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Directory;

/// <summary>A user HR provisioning has not replicated yet: 404 Request_ResourceNotFound until appearsAfterSeconds of emulated time.</summary>
public sealed class LateUserTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartIsolatedAsync(_time, o =>
        {
            o.Seed = PolicySeed.Load();
            o.UseHttps = true;
            o.TimeCompression = 10; // cara.late appears after 120 emulated seconds: 12 s of this clock
        });
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.PolicyRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_late_user_is_not_found_until_its_delay_has_passed_in_emulated_time()
    {
        var early = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[PolicySeed.Late].GetAsync());
        var methods = await Sdk.StatusOf(() => _graph.Users[PolicySeed.Late].Authentication.Methods.GetAsync());
        var listed = await _graph.Users.GetAsync(r => r.QueryParameters.Filter = $"userPrincipalName eq '{PolicySeed.Late}'");
        _time.Advance(TimeSpan.FromSeconds(11.9));
        var stillMissing = await Sdk.StatusOf(() => _graph.Users[PolicySeed.Late].GetAsync());
        _time.Advance(TimeSpan.FromSeconds(0.2));
        var user = await _graph.Users[PolicySeed.Late].GetAsync();

        Assert.Equal((404, "Request_ResourceNotFound"), (early.ResponseStatusCode, early.Error!.Code));
        Assert.Equal(404, methods);
        Assert.Empty(listed!.Value!);
        Assert.Equal(404, stillMissing);
        Assert.Equal(PolicySeed.UserId("cara.late"), user!.Id);
    }

    [Fact]
    public async Task A_reset_starts_the_delay_again()
    {
        _time.Advance(TimeSpan.FromSeconds(13));
        Assert.Equal(200, await Sdk.StatusOf(() => _graph.Users[PolicySeed.Late].GetAsync()));

        _emulator.Reset();

        Assert.Equal(404, await Sdk.StatusOf(() => _graph.Users[PolicySeed.Late].GetAsync()));
    }
}

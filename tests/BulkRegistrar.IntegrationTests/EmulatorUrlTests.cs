using System.Net;
using System.Net.Sockets;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary><c>--emulator-url</c>: the time compression comes from the emulator, and an absent one is named as such.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class EmulatorUrlTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public EmulatorUrlTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Time_compression_is_learned_from_the_emulator_not_from_configuration()
    {
        // The configuration claims k = 1; the fixture's emulator runs at k = 50. The emulator wins.
        File.WriteAllText(_cli.ConfigPath, """{ "Emulator": { "TimeCompression": 1 } }""");

        var exit = await _cli.Run("plan", Samples.PathOf("new-hires-long.csv"));

        Assert.Equal(ExitCodes.Success, exit);
        var target = _cli.Summary().GetProperty("target").GetString()!;
        Assert.Contains("k=50", target, StringComparison.Ordinal);
        Assert.Contains("read from the emulator", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_listening_at_the_emulator_url_runs_into_cannot_connect_with_k_marked_as_assumed()
    {
        var exit = await _cli.RunAgainst($"https://127.0.0.1:{FreePort()}", "plan", Samples.PathOf("new-hires-long.csv"));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var summary = _cli.Summary();
        Assert.Equal("cannotConnect", summary.GetProperty("abortCause").GetString());
        Assert.Contains("assumed: the emulator did not answer", summary.GetProperty("target").GetString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

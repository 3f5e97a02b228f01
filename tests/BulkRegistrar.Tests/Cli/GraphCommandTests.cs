using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

public sealed class GraphCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Apply_without_a_configured_tenant_exits_2_with_one_sentence_and_no_run_folder()
    {
        var exit = await _cli.Run("apply", Samples.PathOf("new-hires-long.csv"), "--out", _cli.RunFolder);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("set Graph:TenantId and Graph:ClientId", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("--emulator", _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Theory]
    [InlineData("--emulator", "--emulator-url", "https://127.0.0.1:5443")]
    [InlineData("--emulator-url", "http://127.0.0.1:5443", null)]
    [InlineData("--emulator-url", "https://10.1.2.3:5443", null)]
    [InlineData("--concurrency", "0", null)]
    [InlineData("--on-conflict", "overwrite", null)]
    public async Task Contradictory_or_unsafe_target_options_exit_2_before_anything_runs(string option, string value, string? more)
    {
        string[] args = more is null
            ? ["plan", Samples.PathOf("new-hires-long.csv"), "--out", _cli.RunFolder, option, value]
            : ["plan", Samples.PathOf("new-hires-long.csv"), "--out", _cli.RunFolder, option, value, more];

        var exit = await _cli.Run(args);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.False(Directory.Exists(_cli.RunFolder));
        Assert.DoesNotContain("   at ", _cli.Output, StringComparison.Ordinal);
    }
}

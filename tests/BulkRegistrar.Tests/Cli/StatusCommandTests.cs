using BulkRegistrar.Audit;

namespace BulkRegistrar.Tests.Cli;

public sealed class StatusCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Status_help_lists_its_own_exit_codes_for_a_follow_up_job()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("status", "--help"));

        Assert.Contains("every user has finished onboarding", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("some user is pending", _cli.Output, StringComparison.Ordinal);
        Assert.Contains("--strong", _cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_strong_method_in_the_option_or_the_configuration_is_one_sentence_and_exit_2_before_any_run_folder()
    {
        var csv = _cli.WriteFile("users.csv", "upn\na@contoso.com\n");
        var config = _cli.WriteFile("config.json", """{ "Status": { "StrongMethods": [ "fido" ] } }""");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("status", csv, "--strong", "authenticatr", "--out", _cli.RunFolder));
        Assert.Contains("'authenticatr', which is no authentication method type", _cli.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("status", csv, "--config", config, "--out", _cli.RunFolder));
        Assert.Contains("Status:StrongMethods names 'fido'", _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
    }

    [Fact]
    public async Task A_csv_with_a_header_and_no_rows_is_one_sentence_and_exit_2()
    {
        var csv = _cli.WriteFile("empty.csv", "upn\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("status", csv, "--out", _cli.RunFolder));

        Assert.Contains("has a header but no rows", _cli.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_cli.RunFolder));
    }
}

using BulkRegistrar.Cli;
using BulkRegistrar.Resume;

namespace BulkRegistrar.Tests.Cli;

/// <summary>
/// apply records its options in run.json as a command line, from the typed options it ran with (the inbox builds them
/// without one); a resume reads that command line back. Both must give the same run.
/// </summary>
public sealed class GraphCommandLineTests
{
    private static readonly string Csv = Samples.PathOf("new-hires-long.csv");

    private static GraphRunOptions RoundTrip(GraphRunOptions options) =>
        GraphCommandLine.Recorded(RunManifest.For("apply", Csv, GraphCommandLine.Given(options), "0.1.0").Arguments);

    [Fact]
    public void Every_option_given_comes_back_from_run_json_as_it_was()
    {
        var folder = Path.GetTempPath();
        var options = new GraphRunOptions(
            new CommonRunOptions(Csv, "GB", null, Path.Combine(folder, "extra.json"), "windows-1252"),
            new MethodFlags(IssueTap: true, TapStart: "2026-01-05 09:00", TapLifetime: "120", TapUsableOnce: "false", ResetPassword: true,
                NewPasswords: Path.Combine(folder, "pw.csv")))
        {
            EmulatorUrl = "https://127.0.0.1:5443", Auth = "Certificate", OnConflict = GraphRunOptions.Update, MaxChanges = 40, Concurrency = 8,
            State = Path.Combine(folder, "state.db"), Full = true, ReplaceTap = true, Handoff = Path.Combine(folder, "handoff.csv"), Verify = true,
            DeviceCode = true,
        };

        Assert.Equal(options, RoundTrip(options));
    }

    [Fact]
    public void Options_left_at_their_defaults_are_not_recorded_and_stay_defaults()
    {
        var options = new GraphRunOptions(new CommonRunOptions(Csv), new MethodFlags()) { Emulator = true };

        Assert.Equal([("--emulator", null)], GraphCommandLine.Given(options));
        Assert.Equal(options, RoundTrip(options));
    }

    [Fact]
    public void A_relative_path_is_recorded_absolute_so_a_resume_from_another_folder_means_the_same_file()
    {
        var options = new GraphRunOptions(new CommonRunOptions(Csv), new MethodFlags()) { State = "state.db" };

        Assert.Equal(Path.GetFullPath("state.db"), RoundTrip(options).State);
    }

    [Fact]
    public void A_recorded_option_this_version_does_not_know_is_refused_in_one_sentence()
    {
        var e = Assert.Throws<UsageException>(() => GraphCommandLine.Recorded([Csv, "--turbo"]));

        Assert.Contains("no longer understood", e.Message, StringComparison.Ordinal);
    }
}

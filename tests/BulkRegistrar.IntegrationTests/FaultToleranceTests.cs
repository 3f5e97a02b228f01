using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public sealed class FaultToleranceTests : GeneratedTenantTests
{
    private const int Users = 1000;

    /// <summary>Only stops a hung test; the emulator signals the 100th write the moment it is applied.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    public FaultToleranceTests(StrictEmulatorFixture fixture)
        : base(fixture, Users)
    {
    }

    [Fact]
    public async Task Chaos_and_lost_responses_end_every_row_registered_exactly_once_without_early_retries()
    {
        // Half of all requests fail (Dev Proxy parity) and some writes land while their response is lost.
        Fixture.Emulator.SetFaultProfile("chaos", seed: 7);
        File.WriteAllText(Cli.ConfigPath,
            $$"""{ "Emulator": { "TimeCompression": {{StrictEmulatorFixture.TimeCompression}} }, "Dispatch": { "MaxAttempts": 40 } }""");
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));

        var exit = await Cli.Run("apply", csv);

        var records = Cli.Audit();
        var stats = Fixture.Emulator.GetStats();
        Assert.Equal(Enumerable.Range(2, Users), records.Select(r => r.Line()).Distinct().Order());
        // Created; or, for a write-first create whose first answer was lost and that the re-read then showed, Unchanged
        // with a message that does not claim it (nothing was read before it, so it cannot be proven ours).
        Assert.All(records, r => Assert.True(r.IsCreatedOrUnclaimed(), r.ToString()));
        Assert.True(records.Count(r => r.Outcome() == "Created") > records.Count / 2);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(0, stats.DuplicateCreateAttempts);
        Assert.Equal(0, stats.RetryAfterViolations);
        Assert.True(stats.LostResponseWrites > 0, "the run must have met lost responses for the test to mean anything");
        Assert.True(stats.FaultsInjected.Values.Sum() > Users, "chaos must have injected many faults");
        for (var i = 1; i <= Users; i++)
        {
            var state = Fixture.Emulator.GetUserState(GeneratedTenant.Upn(i))!;
            var expected = new List<(string, string)> { ("mobile", GeneratedTenant.Mobile(i)) };
            if (i % 3 == 0)
            {
                expected.Add(("office", GeneratedTenant.Office(i)));
            }

            Assert.Equal(expected, state.PhoneMethods.Select(p => (p.PhoneType, p.PhoneNumber)).OrderBy(p => p.PhoneType, StringComparer.Ordinal).ToList());
        }
    }

    [Fact]
    public async Task Permission_revoked_mid_run_stops_within_one_batch_wave_and_skips_the_rest()
    {
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));
        var run = Cli.Run("apply", csv);
        await Task.WhenAny(Fixture.Emulator.WhenWritesApplied(100), run).WaitAsync(Guard);

        Fixture.Emulator.SetAppRoles(Fixture.Emulator.ClientId, []);
        var exit = await run;

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = Cli.Audit();
        Assert.Equal(Enumerable.Range(2, Users), records.Select(r => r.Line()).Distinct().Order());
        Assert.Contains(records, r => r.Outcome() == "Skipped" && r.Error() == "RunAborted");
        var log = Fixture.Emulator.GetRequestLog().OrderBy(e => e.Time).ToList();
        var first = log.FindIndex(e => e.Status is 401 or 403);
        Assert.True(first >= 0);
        var wave = 16 * 20; // Dispatch:Concurrency batches of 20 already in flight
        Assert.True(log.Count - first <= wave, $"{log.Count - first} requests after the first 403");
        Assert.Contains("RunAborted", Cli.Summary().GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_mid_run_finishes_in_flight_batches_and_still_writes_a_complete_audit()
    {
        using var cts = new CancellationTokenSource();
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));
        var run = Cli.Run("apply", csv, cts.Token);
        await Task.WhenAny(Fixture.Emulator.WhenWritesApplied(100), run).WaitAsync(Guard);

        await cts.CancelAsync();
        var exit = await run;

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = Cli.Audit();
        Assert.Equal(Enumerable.Range(2, Users), records.Select(r => r.Line()).Distinct().Order());
        Assert.Contains(records, r => r.Outcome() == "Skipped" && r.Error() == "Cancelled");
        AppliedWrites.AssertAccountedFor(Fixture.Emulator.GetStats().WritesApplied, records);
        Assert.Equal("Cancelled (Ctrl+C).", Cli.Summary().GetProperty("abortReason").GetString());
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Ctrl+C and SIGTERM delivered to the real CLI process mid-apply, against an emulator of its own with
/// realistic latency (k = 1, so batches are really in flight) and realistic faults (lost responses). The
/// audit is compared with what the emulator applied: no record may say "not sent" or Cancelled for a
/// write that landed.
/// </summary>
public sealed class SignalTests : IAsyncLifetime
{
    private const int Users = 400;
    private RealTimeEmulator _target = null!;

    public async Task InitializeAsync() =>
        _target = await RealTimeEmulator.StartAsync("signals-", GeneratedTenant.Seed(Users), "realistic", o => o.RequestLogCapacity = 1_000_000);

    public async Task DisposeAsync() => await _target.DisposeAsync();

    [Theory]
    [InlineData(CliProcess.SIGINT, "Ctrl+C")]
    [InlineData(CliProcess.SIGTERM, "SIGTERM")]
    public async Task A_stop_signal_mid_apply_awaits_the_batches_in_flight_and_reports_no_applied_write_as_not_sent(int signal, string name)
    {
        using var cli = Start("00:00:30");
        await cli.WaitForAuditLines(150);
        // Writes that land while their answer is lost, just before the signal: their retries are what the stop cuts.
        var lostFrom = DateTimeOffset.UtcNow;
        _target.Emulator.ScheduleFault(EmulatorFault.LostResponse504, count: 40, method: "POST");
        await WritesLoggedAfter(lostFrom);

        cli.Signal(signal);
        var exit = await cli.WaitForExit();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = cli.Audit();
        EveryLineHasExactlyOneRecordPerMethod(records);
        Assert.Contains(records, r => r.Outcome() is "Created" or "Updated");
        Assert.Contains(records, r => r.Error() == "Cancelled");
        foreach (var r in records.Where(r => r.Error() == "Cancelled" || Message(r).StartsWith("Not sent", StringComparison.Ordinal)))
        {
            Assert.False(Applied(r), $"line {r.Line()} {r.Method()} landed but says: {r.Error()} — {Message(r)}");
        }

        foreach (var r in records.Where(r => r.Outcome() is "Created" or "Updated"))
        {
            Assert.True(Applied(r), $"line {r.Line()} {r.Method()} says {r.Outcome()} but the emulator has no such write");
        }

        Assert.Contains(records, r => r.Error() == "OutcomeUnknown");
        Assert.All(records.Where(r => r.Error() == "OutcomeUnknown"), r => Assert.Contains("may have landed", Message(r), StringComparison.Ordinal));
        var summary = cli.Summary();
        Assert.Equal(2, summary.GetProperty("exitCode").GetInt32());
        Assert.Equal($"Cancelled ({name}).", summary.GetProperty("abortReason").GetString());
    }

    [Fact]
    public async Task A_second_sigint_stops_waiting_for_batches_in_flight_and_still_writes_an_honest_audit_and_summary()
    {
        // The drain bound is far away: only the second signal can end the wait.
        using var cli = Start("00:10:00");
        await cli.WaitForAuditLines(150);
        var slowFrom = DateTimeOffset.UtcNow;
        _target.Emulator.SetThrottling("off", timeCompression: 0.001); // from now on a batch takes minutes to answer
        _target.Emulator.SetFaultProfile("off", 11, "realistic");
        var slowWrites = await WritesLoggedAfter(slowFrom);

        cli.Signal(CliProcess.SIGINT);
        await cli.WaitForOutput("Stopping");
        cli.Signal(CliProcess.SIGINT);
        var exit = await cli.WaitForExit();

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var records = cli.Audit();
        EveryLineHasExactlyOneRecordPerMethod(records);
        // Every write in a batch that was still in flight ends as unknown: it landed, and no answer was awaited.
        foreach (var user in slowWrites)
        {
            Assert.Contains(records, r => r.GetProperty("user").GetString() == user && r.Error() == "OutcomeUnknown"
                && Message(r).Contains("may have landed", StringComparison.Ordinal));
        }

        foreach (var r in records.Where(r => r.Error() == "Cancelled"))
        {
            Assert.False(Applied(r), $"line {r.Line()} {r.Method()} landed but says: {Message(r)}");
        }

        Assert.Equal(2, cli.Summary().GetProperty("exitCode").GetInt32());
    }

    private CliProcess Start(string drainTime) =>
        _target.StartApply(Csv(), $$"""{ "Emulator": { "TimeCompression": 1 }, "Dispatch": { "DrainTime": "{{drainTime}}" } }""");

    /// <summary>The generated tenant's file with an SMS sign-in column (every second user).</summary>
    private static string Csv()
    {
        var text = new StringBuilder("upn,mobile,office,smsSignIn\n");
        for (var i = 1; i <= Users; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{GeneratedTenant.Upn(i)},{GeneratedTenant.Mobile(i)},{(i % 3 == 0 ? GeneratedTenant.Office(i) : "")},{(i % 2 == 0 ? "true" : "")}\n");
        }

        return text.ToString();
    }

    /// <summary>The users with a write that reached the emulator after <paramref name="from"/> (waits for the first).</summary>
    private async Task<HashSet<string>> WritesLoggedAfter(DateTimeOffset from)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var users = _target.Emulator.GetRequestLog().Where(e => e.Time > from && e.Method != "GET").Select(e => UserOf(e.Url)).ToHashSet();
            if (users.Count > 0)
            {
                return users;
            }

            await Task.Delay(20, guard.Token);
        }
    }

    private static string UserOf(string url)
    {
        // By object id after a lookup, by UPN when the user was written first.
        var id = Uri.UnescapeDataString(url.Split('/')[2]);
        return id.Contains('@', StringComparison.Ordinal) ? id : GeneratedTenant.Upn(int.Parse(id[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static void EveryLineHasExactlyOneRecordPerMethod(List<JsonElement> records)
    {
        Assert.Equal(records.Count, records.Select(r => (r.Line(), r.Method())).Distinct().Count());
        Assert.Equal(Enumerable.Range(2, Users), records.Select(r => r.Line()).Distinct().Order());
        var expected = Enumerable.Range(1, Users).Sum(i => 1 + (i % 3 == 0 ? 1 : 0) + (i % 2 == 0 ? 1 : 0));
        Assert.Equal(expected, records.Count);
    }

    /// <summary>Whether the emulator applied this record's write (or may have: a lost response).</summary>
    private bool Applied(JsonElement record)
    {
        var state = _target.Emulator.GetUserState(record.GetProperty("user").GetString()!)!;
        return record.Method() switch
        {
            "smsSignIn" => _target.Emulator.GetRequestLog().Any(e => e.Url.Contains(state.Id, StringComparison.Ordinal)
                && e.Url.EndsWith("enableSmsSignIn", StringComparison.Ordinal)
                    && (e.Status is >= 200 and < 300 || e.Fault?.StartsWith("lostResponse", StringComparison.Ordinal) == true)),
            var method => state.PhoneMethods.Any(p => p.PhoneType == method),
        };
    }

    private static string Message(JsonElement r) => r.GetProperty("message").GetString() ?? "";
}

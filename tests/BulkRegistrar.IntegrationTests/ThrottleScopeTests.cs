using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using GraphEmulator;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The strict emulator counts Retry-After violations per scope (docs/emulator.md, strict item 3): after a
/// budget 429 every request of its scope from any user, after a "service busy" 429 that user's next
/// request, after an envelope 429 the next envelope. apply must meet all three and never send early.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ThrottleScopeTests : GeneratedTenantTests
{
    private const int Users = 400;

    public ThrottleScopeTests(StrictEmulatorFixture fixture)
        : base(fixture, Users)
    {
    }

    [Fact]
    public async Task Budget_service_busy_and_envelope_429s_are_each_waited_out_in_their_own_scope_without_a_violation()
    {
        // The tenant's write budget (60, refilling 4/s) is below what the client's pacer is told (200, 8/s), so
        // the run meets budget 429s (Tenant_Application/Write); service-busy, 503-with-Retry-After and envelope
        // 429s are injected on top. Realistic latency: with none, batches come back within a millisecond and the
        // emulator's 10-ms allowance for requests already in flight (docs/emulator.md, strict item 3) measures
        // the test machine's scheduling rather than the client.
        Fixture.Emulator.SetFaultProfile(StrictEmulatorFixture.Profile, 0, "realistic");
        Fixture.Emulator.SetThrottling("entra-L", StrictEmulatorFixture.TimeCompression, new ThrottlingOverrides { WriteCapacity = 60,
            WriteRefillPerSecond = 4 });
        Fixture.Emulator.ScheduleFault(EmulatorFault.Throttle429, count: 15, method: "POST");
        Fixture.Emulator.ScheduleFault(EmulatorFault.Throttle429, count: 5, method: "GET");
        Fixture.Emulator.ScheduleFault(EmulatorFault.Envelope429, count: 3);
        Fixture.Emulator.ScheduleFault(EmulatorFault.Status503RetryAfter, count: 5, method: "POST");
        File.WriteAllText(Cli.ConfigPath,
            $$"""{ "Emulator": { "TimeCompression": {{StrictEmulatorFixture.TimeCompression}} }, "Dispatch": { "MaxAttempts": 40, "Budget": { "Writes": 200,"""
                + $$""" "WritesPerSecond": 8 } } }""");
        var csv = Cli.WriteCsv(GeneratedTenant.Csv(Users));

        var exit = await Cli.Run("apply", csv);

        var stats = Fixture.Emulator.GetStats();
        var records = Cli.Audit();
        Assert.Equal(0, stats.RetryAfterViolations);
        Assert.True(stats.Throttled > 20, $"the run must have met budget 429s for the test to mean anything (429s: {stats.Throttled})");
        Assert.True(stats.FaultsInjected.Values.Sum() >= 15 + 5 + 3 + 5, "every scheduled fault must have been "
            + "met: " + string.Join(", ", stats.FaultsInjected));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.All(records, r => Assert.True(r.IsCreatedOrUnclaimed(), r.ToString())); // see AuditExtensions.IsCreatedOrUnclaimed
        Assert.Equal(0, stats.DuplicateCreateAttempts);
    }
}

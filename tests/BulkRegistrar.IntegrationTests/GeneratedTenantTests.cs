namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Tests that run the CLI against the shared strict emulator reseeded with <see cref="GeneratedTenant"/>'s
/// users, and give the emulator back with the sample seed for the next test class.
/// </summary>
public abstract class GeneratedTenantTests : IDisposable
{
    protected GeneratedTenantTests(StrictEmulatorFixture fixture, int users)
    {
        Fixture = fixture;
        Fixture.Reset();
        Fixture.Emulator.Reseed(GeneratedTenant.Seed(users));
        Cli = new CliApply(fixture);
    }

    protected StrictEmulatorFixture Fixture { get; }

    protected CliApply Cli { get; }

    public void Dispose()
    {
        Fixture.RestoreSampleSeed();
        Cli.Dispose();
        GC.SuppressFinalize(this);
    }
}

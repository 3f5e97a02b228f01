namespace BulkRegistrar.IntegrationTests;

/// <summary>The importer's integration tests share one strict emulator (xunit finds collection definitions only in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<StrictEmulatorFixture>
{
    public const string Name = "emulator";
}

namespace GraphEmulator.Tests.Support;

/// <summary>The emulator's behaviour tests share one plain emulator (xunit finds collection definitions only in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<PlainEmulatorFixture>
{
    public const string Name = "emulator";
}

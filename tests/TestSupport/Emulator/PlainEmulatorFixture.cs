using GraphEmulator;

namespace TestSupport;

/// <summary>The emulator's own behaviour tests: its budgets and faults off, so each test sees one behaviour; each test resets it.</summary>
public sealed class PlainEmulatorFixture : EmulatorFixture
{
    protected override void Configure(GraphEmulatorOptions options)
    {
        options.ThrottlingProfile = "off";
        options.FaultProfile = "off";
    }
}

using System.Text.Json;

namespace BulkRegistrar.Tests.Cli;

/// <summary>The runtime settings the tool is measured with travel in its runtimeconfig.json (docs/sdk-notes.md §14).</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_tool_recompiles_hot_code_without_the_tiering_delay_and_without_dynamic_pgo()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "BulkRegistrar.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(10, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}

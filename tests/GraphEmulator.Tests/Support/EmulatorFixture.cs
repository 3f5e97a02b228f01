using Microsoft.Graph;

namespace GraphEmulator.Tests.Support;

/// <summary>One emulator (https, throttling and faults off) for the whole collection; each test resets it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public RunningEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
        {
            SeedPath = Path.Combine(AppContext.BaseDirectory, "directory.json"),
            ThrottlingProfile = "off",
            FaultProfile = "off",
            UseHttps = true,
        });
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>An SDK client with a token holding these roles (default: read/write methods + read users).</summary>
    public GraphServiceClient Client(params string[] roles) =>
        Clients.Graph(Emulator, Emulator.IssueToken(roles.Length > 0 ? roles : Clients.AllRoles));
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "emulator";
}

using GraphEmulator;
using Microsoft.Extensions.Configuration;

// Standalone: dotnet run --project src/GraphEmulator -- --urls https://127.0.0.1:5443 --seed samples/directory.json
// Options come from the "GraphEmulator" section of appsettings.GraphEmulator.json next to the exe
// (named so it never collides with the CLI's appsettings.json when a project references the
// emulator), then of an appsettings.json there, then GRAPHEMULATOR_* environment variables, then
// these flags; the host is the same one tests use.
var switches = new Dictionary<string, string>
{
    ["--urls"] = "GraphEmulator:Urls",
    ["--seed"] = "GraphEmulator:SeedPath",
    ["--throttling"] = "GraphEmulator:ThrottlingProfile",
    ["--k"] = "GraphEmulator:TimeCompression",
    ["--faults"] = "GraphEmulator:FaultProfile",
    ["--fault-seed"] = "GraphEmulator:FaultSeed",
    ["--latency"] = "GraphEmulator:LatencyProfile",
};
var config = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.GraphEmulator.json", optional: true)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables("GRAPHEMULATOR_")
    .AddCommandLine(args, switches)
    .Build();
var options = new GraphEmulatorOptions { ConsoleLogging = true, StopOnConsoleSignals = true };
config.GetSection(GraphEmulatorOptions.SectionName).Bind(options);
options.Urls ??= "https://127.0.0.1:5443";

await using var emulator = await GraphEmulatorHost.StartAsync(options);
Console.WriteLine($"Graph emulator listening: {emulator.GraphBaseUrl}");
Console.WriteLine($"Token endpoint:          {emulator.BaseUrl}{emulator.TenantId}/oauth2/v2.0/token");
Console.WriteLine($"Tenant / client id:      {emulator.TenantId} / {emulator.ClientId}");
if (emulator.CertificateSha256 is { } pin)
{
    Console.WriteLine($"Certificate SHA-256:     {pin}");
}

Console.WriteLine($"Throttling {options.ThrottlingProfile} (k={options.TimeCompression}), faults {options.FaultProfile}. Ctrl+C stops.");

// The web host's console lifetime turns Ctrl+C / SIGTERM into a shutdown.
await emulator.WaitForShutdownAsync();

return 0;

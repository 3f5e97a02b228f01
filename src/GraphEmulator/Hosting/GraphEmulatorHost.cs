using System.Net;
using GraphEmulator.Auth;
using GraphEmulator.Graph;
using GraphEmulator.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GraphEmulator;

/// <summary>Starts an emulator: the one code path behind the standalone exe, tests and the CLI's --emulator target.</summary>
public static class GraphEmulatorHost
{
    /// <summary>Emulator-only response header on every answer: the time compression k (e.g. "50").</summary>
    public const string TimeCompressionHeader = "x-emulator-time-compression";

    public static async Task<RunningEmulator> StartAsync(GraphEmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new EmulatorServices(options);
        var urls = ListenAddresses(options);
        var cert = urls.Any(u => u.Scheme == Uri.UriSchemeHttps) ? SelfSignedCertificate.Create() : null;

        // The empty builder reads no appsettings.json, environment or command line: embedded in the CLI
        // or a test host, the emulator must not pick up its host's Kestrel or URL settings.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        if (!options.StopOnConsoleSignals)
        {
            // Embedded in the CLI or a test run, Ctrl+C belongs to the host process, not to the emulator.
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            foreach (var url in urls)
            {
                var ip = IPAddress.TryParse(url.Host.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Loopback;
                k.Listen(ip, url.Port, listen =>
                {
                    if (url.Scheme == Uri.UriSchemeHttps)
                    {
                        listen.UseHttps(cert!);
                    }
                });
            }
        });

        var app = builder.Build();
        Map(app, services);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            cert?.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(bound.TrimEnd('/'));
        services.GraphBaseUrl = baseUrl.GetLeftPart(UriPartial.Authority) + "/v1.0";
        return new RunningEmulator(app, services, baseUrl, cert);
    }

    private static void Map(WebApplication app, EmulatorServices s)
    {
        var pipeline = new GraphPipeline(s);

        // Every answer (Graph, token endpoint, /_emulator) names the time compression k, so a client
        // can learn it instead of being configured twice [emu]; docs/emulator.md "Time compression".
        app.Use((ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                ctx.Response.Headers[TimeCompressionHeader] = s.Throttler.Settings.K.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            return next(ctx);
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext ctx, string tenant) => TokenEndpoint.HandleAsync(ctx, tenant, s));
        app.MapPost("/{tenant}/oauth2/v2.0/devicecode", (HttpContext ctx, string tenant) => DeviceCodeGrant.DeviceCodeAsync(ctx, tenant, s));

        // Graph lives at exactly /v1.0: the SDK derives batch step urls by cutting 5 characters (docs/sdk-notes.md §2).
        app.Map("/v1.0/{**rest}", (HttpContext ctx) => DirectEndpoint.HandleAsync(ctx, s, pipeline, beta: false));

        // Beta serves everything v1.0 does plus the beta-only hardware OATH routes (docs/emulator.md "What is served").
        app.Map("/beta/{**rest}", (HttpContext ctx) => DirectEndpoint.HandleAsync(ctx, s, pipeline, beta: true));
        InspectionEndpoints.Map(app, s);
    }

    private static List<Uri> ListenAddresses(GraphEmulatorOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Urls))
        {
            return [new Uri($"{(o.UseHttps ? "https" : "http")}://127.0.0.1:0")];
        }

        return [.. o.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u))];
    }

    /// <summary>A host lifetime that leaves console signals alone.</summary>
    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using GraphEmulator.Seed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GraphEmulator.Inspection;

/// <summary>
/// /_emulator: not part of Graph. Counters, user state, request log and control knobs for tests,
/// benchmarks and rehearsal runs. No token needed (the emulator listens on loopback only).
/// </summary>
internal static class InspectionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatorServices s)
    {
        var json = DirectorySeed.Json;
        var g = app.MapGroup("/_emulator");
        g.MapGet("/stats", () => Results.Json(s.Stats.Snapshot(), json));
        g.MapGet("/users/{key}", (string key) =>
            UserStateView.Of(s.Directory, key) is { } state ? Results.Json(state, json) : Results.NotFound());
        g.MapGet("/requests", (int? last) =>
        {
            var log = s.Log.Snapshot();
            return Results.Json(last is { } n && n < log.Count ? log.Skip(log.Count - n) : log, json);
        });
        g.MapGet("/config", () => Results.Json(new
        {
            graphBaseUrl = s.GraphBaseUrl,
            users = s.Directory.UserCount,
            throttling = s.Throttler.Settings.Name,
            timeCompression = s.Throttler.Settings.K,
            faults = s.Faults.Rates.Name,
            strict = s.Faults.Strict,
            readAfterWriteLagSeconds = s.Faults.Strict ? s.Options.ReadAfterWriteLagSeconds : 0,
            tenantId = s.Apps.Default.TenantId,
            clientId = s.Apps.Default.ClientId,
            directoryId = s.DirectoryId,
        }, json));
        g.MapPost("/reset", () =>
        {
            s.Reset();
            return Results.NoContent();
        });
        g.MapPost("/reseed", async (HttpRequest req) =>
        {
            using var reader = new StreamReader(req.Body);
            s.Reseed(DirectorySeed.Parse(await reader.ReadToEndAsync(req.HttpContext.RequestAborted)));
            return Results.NoContent();
        });
        g.MapPost("/faults", (string profile, int? seed, string? latency) =>
        {
            s.SetFaults(profile, seed, latency);
            return Results.NoContent();
        });
        g.MapPost("/throttling", (string profile, double? k) =>
        {
            s.SetThrottling(profile, k, null);
            return Results.NoContent();
        });
        g.MapPost("/apps/{clientId}/roles", (string clientId, string[] roles) =>
        {
            s.Apps.SetRoles(clientId, roles);
            return Results.NoContent();
        });
        g.MapPost("/users/{key}/forget-writes", (string key, int? count) =>
            UserHooks.Forget(s, key, count ?? 1) ? Results.NoContent() : Results.NotFound());
        g.MapPost("/users/{key}/fail-password-resets", (string key, int? count) =>
            UserHooks.FailResets(s, key, count ?? 1) ? Results.NoContent() : Results.NotFound());
        g.MapPost("/users/{key}/tap/mark-used", (string key) =>
            UserHooks.MarkTapUsed(s, key) ? Results.NoContent() : Results.NotFound());
        g.MapGet("/users/{key}/qr-code-pin", (string key) =>
            UserStateView.QrSecrets(s.Directory, key) is { } secrets ? Results.Json(secrets, json) : Results.NotFound());
        g.MapGet("/hardware-oath-devices", () => Results.Json(UserStateView.Devices(s.Directory), json));
        g.MapPost("/device-code-admin", (string? upn) =>
        {
            s.DeviceCodeAdmin = upn;
            return Results.NoContent();
        });
        g.MapPost("/tokens/revoke", () =>
        {
            s.Tokens.RevokeIssued();
            return Results.NoContent();
        });
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// temporaryAccessPassMethods (docs/graph-behaviour.md §3.2): the pass is returned only in the 201; a new
/// pass replaces the old one; the tenant policy can refuse (400 badRequest with the service's text, §12.3)
/// and bounds the lifetime (400 badRequest "Invalid LifetimeInMinutes specified…" [obs]).
/// </summary>
internal static class TapHandlers
{
    private const string AuthMethodType = "TemporaryAccessPass";

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@#$%&*+=?";

    public static GraphResponse List(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            var items = c.ReadView().Tap is { } t ? new[] { MethodJson.Tap(t, c.Scope.Now, typed: false) } : [];
            return c.Ok(200, MethodJson.Collection(UserHandlers.Context(c, "temporaryAccessPassMethods"), items));
        }
    }

    public static GraphResponse Get(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            return c.ReadView().Tap is { } t && string.Equals(t.Id, c.MethodId, StringComparison.OrdinalIgnoreCase)
                ? c.Ok(200, MethodJson.Tap(t, c.Scope.Now, typed: false))
                : c.MethodNotFound();
        }
    }

    public static GraphResponse Create(HandlerContext c)
    {
        // All three body members are optional; no body at all is allowed too.
        var body = c.Request.Body is { ValueKind: JsonValueKind.Object } b ? b : default;
        if (c.Request.BodyInvalid)
        {
            return c.TryBody(out _, out var e) ? c.Bad("Invalid body.") : e!;
        }

        var policy = c.Directory.TapPolicy;
        if (!c.User.TapAllowed)
        {
            return MethodRules.Refusal(c, AuthMethodType);
        }

        var lifetime = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("lifetimeInMinutes", out var l) && l.ValueKind == JsonValueKind.Number
            ? l.GetInt32() : policy.DefaultLifetimeInMinutes;
        if (lifetime < policy.MinimumLifetimeInMinutes || lifetime > policy.MaximumLifetimeInMinutes)
        {
            return c.Bad($"Invalid LifetimeInMinutes specified. The valid range between {policy.MinimumLifetimeInMinutes} and "
                + $"{policy.MaximumLifetimeInMinutes}.");
        }

        var once = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("isUsableOnce", out var o)
            && o.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? o.GetBoolean() : policy.IsUsableOnce;
        if (policy.IsUsableOnce && !once)
        {
            return MethodRules.Refusal(c, AuthMethodType);
        }

        var start = c.Scope.Now;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("startDateTime", out var s) && s.ValueKind == JsonValueKind.String)
        {
            if (!s.TryGetDateTimeOffset(out start))
            {
                return c.Bad("Invalid value for property 'startDateTime'.");
            }
        }

        var tap = new TapMethod { Id = Guid.NewGuid().ToString(), Created = c.Scope.Now, Start = start, LifetimeInMinutes = lifetime, IsUsableOnce = once };
        var pass = RandomNumberGenerator.GetString(Alphabet, Math.Clamp(policy.DefaultLength, 8, 48));
        lock (c.User.Gate)
        {
            c.User.Tap = tap; // one TAP per user: the new one replaces the old
            c.Applied();
        }

        c.Event("temporaryAccessPassCreated");

        return c.Ok(201, MethodJson.Tap(tap, c.Scope.Now, pass))
            .WithHeader("Location", $"{c.Services.GraphBaseUrl}/users/{c.User.Id}/authentication/temporaryAccessPassMethods/{tap.Id}");
    }

    public static GraphResponse Delete(HandlerContext c)
    {
        var oath = MethodsView.OathOf(c, c.User);
        lock (c.User.Gate)
        {
            if (c.User.Tap is not { } t || !string.Equals(t.Id, c.MethodId, StringComparison.OrdinalIgnoreCase))
            {
                return c.MethodNotFound();
            }

            if (MethodRules.DefaultMethodKept(c, t.Id, oath) is { } kept)
            {
                return kept;
            }

            c.User.Tap = null;
            MethodRules.Deleted(c, "temporaryAccessPass");
            return c.Ok(204);
        }
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// passwordMethods (readable app-only) and resetPassword + its operation (delegated only; the
/// pipeline refuses app-only tokens with 403 accessDenied [emu]). docs/graph-behaviour.md §3.3.
/// </summary>
internal static class PasswordHandlers
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static GraphResponse List(HandlerContext c) =>
        c.Ok(200, MethodJson.Collection(UserHandlers.Context(c, "passwordMethods"), [MethodJson.Password()]));

    public static GraphResponse Get(HandlerContext c) =>
        string.Equals(c.MethodId, MethodIds.Password, StringComparison.OrdinalIgnoreCase)
            ? c.Ok(200, MethodJson.Password())
            : c.MethodNotFound();

    public static GraphResponse Reset(HandlerContext c)
    {
        if (!string.Equals(c.MethodId, MethodIds.Password, StringComparison.OrdinalIgnoreCase))
        {
            return c.Bad("The method is not supported for this URL.");
        }

        if (string.Equals(c.Claims.UserObjectId, c.User.Id, StringComparison.OrdinalIgnoreCase))
        {
            return c.Bad("An administrator cannot reset their own password through this API.");
        }

        string? newPassword = null;
        if (c.Request.Body is { ValueKind: System.Text.Json.JsonValueKind.Object } body)
        {
            newPassword = HandlerContext.String(body, "newPassword");
            if (newPassword is { Length: < 8 })
            {
                return c.Bad("The password does not comply with the password complexity requirements.");
            }
        }

        var generated = newPassword is null ? RandomNumberGenerator.GetString(Alphabet, 16) : null;
        ResetOperation op;
        lock (c.User.Gate)
        {
            op = new ResetOperation { Id = Guid.NewGuid().ToString(), Created = c.Scope.Now, Fails = c.User.FailResets > 0 };
            c.User.FailResets = Math.Max(0, c.User.FailResets - 1);
            c.User.Operations[op.Id] = op;
            c.User.PasswordResets++;
            c.Applied();
        }

        return c.Ok(202, new JsonObject { ["newPassword"] = generated })
            .WithHeader("Location", $"{c.Services.GraphBaseUrl}/users/{c.User.Id}/authentication/operations/{op.Id}")
            .WithHeader("Retry-After", "1")
            .WithHeader("x-emulator-retry-after-ms", (1000 / c.Services.Throttler.Settings.K).ToString("0", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>notStarted → running → succeeded as emulated time passes (0.2 s, 1 s; divided by k).</summary>
    public static GraphResponse GetOperation(HandlerContext c)
    {
        ResetOperation? op;
        lock (c.User.Gate)
        {
            c.User.Operations.TryGetValue(c.MethodId, out op);
        }

        if (op is null)
        {
            return c.MethodNotFound();
        }

        var elapsed = (c.Scope.Now - op.Created).TotalSeconds * c.Services.Throttler.Settings.K;
        var status = elapsed < 0.2 ? "notStarted" : elapsed < 1 ? "running" : op.Fails ? "failed" : "succeeded";
        return c.Ok(200, new JsonObject
        {
            ["id"] = op.Id,
            ["status"] = status,
            ["createdDateTime"] = MethodJson.Iso(op.Created),
            ["lastActionDateTime"] = MethodJson.Iso(c.Scope.Now),
            ["resourceLocation"] = $"{c.Services.GraphBaseUrl}/users/{c.User.Id}/authentication/passwordMethods/{MethodIds.Password}",
            ["statusDetail"] = status == "failed" ? "The password does not meet the complexity requirements of the on-premises directory." : null,
        });
    }
}

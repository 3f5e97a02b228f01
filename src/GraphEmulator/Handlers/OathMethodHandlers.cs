using System.Text.Json;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// Beta users/{id}/authentication/hardwareOathMethods (docs/graph-behaviour.md §3.7): assign a token of the inventory
/// ({device:{id}}), activate it with its current code, both at once by id or by serial number, and unassign (DELETE).
/// </summary>
internal static class OathMethodHandlers
{
    public static GraphResponse Assign(HandlerContext c) => WithDevice(c, byId: true, activate: false);

    public static GraphResponse AssignAndActivate(HandlerContext c) => WithDevice(c, byId: true, activate: true);

    public static GraphResponse AssignAndActivateBySerial(HandlerContext c) => WithDevice(c, byId: false, activate: true);

    public static GraphResponse Activate(HandlerContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        var inventory = c.Directory.Oath;
        lock (inventory.Gate)
        {
            if (inventory.Find(c.MethodId) is not { } device || !string.Equals(device.AssignedToUserId, c.User.Id, StringComparison.OrdinalIgnoreCase))
            {
                return c.MethodNotFound();
            }

            if (device.Status == "activated")
            {
                return c.Bad($"The hardware OATH token '{device.SerialNumber}' is already activated.");
            }

            c.Applied(); // either way the token's status changes (activated, or failedActivation)
            if (!OathRules.CodeMatches(c, device, CallContext.String(body, "verificationCode")))
            {
                device.Status = "failedActivation";
                return OathRules.WrongCode(c);
            }

            OathRules.Activate(c, device, OathRules.DisplayName(body));
            return c.Ok(204);
        }
    }

    /// <summary>DELETE hardwareOathMethods/{id}: the token goes back to the inventory, available.</summary>
    public static GraphResponse Unassign(HandlerContext c)
    {
        var inventory = c.Directory.Oath;
        lock (inventory.Gate)
        {
            if (inventory.Find(c.MethodId) is not { } device || !string.Equals(device.AssignedToUserId, c.User.Id, StringComparison.OrdinalIgnoreCase))
            {
                return c.MethodNotFound();
            }

            lock (c.User.Gate)
            {
                if (MethodRules.DefaultMethodKept(c, device.Id, [.. inventory.AssignedTo(c.User.Id)]) is { } kept)
                {
                    return kept;
                }
            }

            device.AssignedToUserId = null;
            device.AssignedAt = null;
            device.Status = "available";
            MethodRules.Deleted(c, MethodKinds.HardwareOath);
            return c.Ok(204);
        }
    }

    private static GraphResponse WithDevice(HandlerContext c, bool byId, bool activate)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        var key = byId
            ? body.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.Object ? CallContext.String(d, "id") : null
            : CallContext.String(body, "serialNumber");
        if (string.IsNullOrWhiteSpace(key))
        {
            return c.Bad(byId ? "The device id is required ({\"device\": {\"id\": \"…\"}})." : "The serialNumber is required.");
        }

        var inventory = c.Directory.Oath;
        lock (inventory.Gate)
        {
            if ((byId ? inventory.Find(key) : inventory.BySerial(key)) is not { } device)
            {
                return GraphErrors.NotFound($"No hardware OATH token with {(byId ? "id" : "serial number")} '{key}' is in the tenant's inventory.", c.Scope);
            }

            if (OathRules.AssignError(c, c.User, device) is { } refused)
            {
                return refused;
            }

            // Assign and activate is one step: a wrong code leaves the token unassigned [emu].
            if (activate && !OathRules.CodeMatches(c, device, CallContext.String(body, "verificationCode")))
            {
                return OathRules.WrongCode(c);
            }

            OathRules.Assign(c, c.User, device, OathRules.DisplayName(body));
            c.Applied();
            if (activate)
            {
                OathRules.Activate(c, device, OathRules.DisplayName(body));
                return c.Ok(204);
            }

            return c.Ok(201, OathJson.Method(device, c.User.DisplayName, typed: true, withDevice: true))
                .WithHeader("Location", $"{c.BaseUrl}/users/{c.User.Id}/authentication/hardwareOathMethods/{device.Id}");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphEmulator.Auth;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// Beta /directory/authenticationMethodDevices/hardwareOathDevices (docs/graph-behaviour.md §3.7): list (with
/// <c>$filter=serialNumber eq '…'</c>), get, create one (POST) and create many (PATCH, or POST, with
/// <c>"@context": "#$delta"</c> and <c>value[]</c>), each optionally assigned to a user (<c>assignTo</c>).
/// A bulk request is checked whole before anything is added [emu].
/// </summary>
internal static partial class OathDeviceHandlers
{
    private sealed record Item(OathDevice Device, UserRecord? AssignTo);

    public static GraphResponse List(TenantContext c)
    {
        string? serial = null;
        if (c.Path.QueryOption("$filter") is { } filter)
        {
            var m = SerialFilter().Match(filter.Trim());
            if (!m.Success)
            {
                return GraphErrors.BadRequest($"Unsupported or invalid query filter clause specified: '{filter}'.", c.Scope, "Request_UnsupportedQuery");
            }

            serial = m.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal);
        }

        var inventory = c.Directory.Oath;
        lock (inventory.Gate)
        {
            var items = inventory.Devices.Where(d => serial is null || string.Equals(d.SerialNumber, serial, StringComparison.OrdinalIgnoreCase))
                .Select(d => OathJson.Device(d, NameOf(c, d)));
            return c.Ok(200, MethodJson.Collection($"{c.BaseUrl}/$metadata#directory/authenticationMethodDevices/hardwareOathDevices", items));
        }
    }

    public static GraphResponse Get(TenantContext c)
    {
        var inventory = c.Directory.Oath;
        lock (inventory.Gate)
        {
            return inventory.Find(c.MethodId) is { } d
                ? c.Ok(200, OathJson.Device(d, NameOf(c, d)))
                : GraphErrors.NotFound($"The hardware OATH token '{c.MethodId}' was not found.", c.Scope);
        }
    }

    /// <summary>POST: one token (201, the device); a <c>#$delta</c> body is the bulk form, as the docs' own example sends it.</summary>
    public static GraphResponse Create(TenantContext c) =>
        c.TryBody(out var body, out var error) ? body.TryGetProperty("value", out _) ? Bulk(c) : Add(c, [body], bulk: false) : error!;

    public static GraphResponse Bulk(TenantContext c)
    {
        if (!c.TryBody(out var body, out var error))
        {
            return error!;
        }

        if (!string.Equals(CallContext.String(body, "@context"), "#$delta", StringComparison.Ordinal)
            || !body.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return c.Bad("A bulk request needs \"@context\": \"#$delta\" and a non-empty \"value\" array of tokens.");
        }

        return Add(c, [.. value.EnumerateArray()], bulk: true);
    }

    private static GraphResponse Add(TenantContext c, List<JsonElement> bodies, bool bulk)
    {
        var inventory = c.Directory.Oath;
        lock (inventory.Gate)
        {
            var items = new List<Item>();
            foreach (var (b, i) in bodies.Select((b, i) => (b, i)))
            {
                var label = bulk ? $"Item "
                    + $"{(CallContext.String(b, "@contentId") ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}: " : "";
                if (Parse(c, b, label, items, out var item) is { } invalid)
                {
                    return invalid;
                }

                items.Add(item!);
            }

            foreach (var item in items)
            {
                inventory.Add(item.Device);
                c.Event("hardwareOathDeviceCreated");
                if (item.AssignTo is { } user)
                {
                    OathRules.Assign(c, user, item.Device, null);
                    lock (user.Gate)
                    {
                        user.WritesApplied++;
                    }
                }
            }

            c.Applied();
            if (!bulk)
            {
                return c.Ok(201, OathJson.Device(items[0].Device, items[0].AssignTo?.DisplayName));
            }

            return c.Ok(201, new JsonObject
            {
                ["value"] = new JsonArray([.. items.Select(i => OathJson.Method(i.Device, i.AssignTo?.DisplayName, typed: true, withDevice: true))]),
            });
        }
    }

    /// <summary>One token of the body, checked; the refusal names the bulk item. Caller holds the inventory's gate.</summary>
    private static GraphResponse? Parse(TenantContext c, JsonElement b, string label, List<Item> earlier, out Item? item)
    {
        item = null;
        var serial = CallContext.String(b, "serialNumber");
        var manufacturer = CallContext.String(b, "manufacturer");
        var model = CallContext.String(b, "model");
        if (string.IsNullOrWhiteSpace(serial) || string.IsNullOrWhiteSpace(manufacturer) || string.IsNullOrWhiteSpace(model))
        {
            return c.Bad(label + "serialNumber, manufacturer and model are required.");
        }

        if (!TotpCheck.TryParseSecret(CallContext.String(b, "secretKey"), out var secret))
        {
            return c.Bad(label + $"The secretKey of '{serial}' must be a base32 key of at least 80 bits.");
        }

        // The docs' bulk example sends the interval as a string ("30"); both forms are read.
        var interval = b.TryGetProperty("timeIntervalInSeconds", out var t) ? t.ValueKind switch
        {
            JsonValueKind.Number when t.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(t.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => 0,
        } : 0;
        var hash = CallContext.String(b, "hashFunction") ?? "hmacsha1";
        if (interval is not (30 or 60) || hash is not ("hmacsha1" or "hmacsha256"))
        {
            return c.Bad(label + $"'{serial}': timeIntervalInSeconds must be 30 or 60 and hashFunction hmacsha1 or hmacsha256.");
        }

        if (c.Directory.Oath.BySerial(serial) is not null || earlier.Any(e => string.Equals(e.Device.SerialNumber, serial, StringComparison.OrdinalIgnoreCase)))
        {
            c.Services.Stats.CountDuplicateCreate();
            return c.Bad(label + $"A hardware OATH token with serial number '{serial}' already exists.");
        }

        var device = new OathDevice
        {
            Id = Guid.NewGuid().ToString(), SerialNumber = serial, Manufacturer = manufacturer, Model = model,
            Secret = secret, TimeIntervalInSeconds = interval, HashFunction = hash, DisplayName = CallContext.String(b, "displayName"),
        };
        UserRecord? user = null;
        if (b.TryGetProperty("assignTo", out var a) && a.ValueKind == JsonValueKind.Object && CallContext.String(a, "id") is { } userKey)
        {
            // Creating and assigning at once also needs the user-side permission (documented).
            if (!c.Services.Apps.EffectiveGrants(c.Claims).Contains(Permissions.MethodsReadWrite))
            {
                return GraphErrors.AccessDenied(c.Scope);
            }

            user = c.Directory.FindVisible(userKey, c.Scope.Now, c.Services.Throttler.Settings.K);
            if (user is null)
            {
                return GraphErrors.UserNotFound(userKey, c.Scope);
            }

            if (OathRules.AssignError(c, user, device, earlier.Count(e => e.AssignTo == user)) is { } refused)
            {
                return label.Length == 0 ? refused : c.Bad(label + (string?)refused.Body?["error"]?["message"]);
            }
        }

        item = new Item(device, user);
        return null;
    }

    private static string? NameOf(CallContext c, OathDevice d) => d.AssignedToUserId is { } id ? c.Directory.Find(id)?.DisplayName : null;

    [GeneratedRegex(@"^serialNumber\s+eq\s+'(?<value>(?:[^']|'')*)'$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SerialFilter();
}

using System.Text.Json.Nodes;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>Wire shapes of the beta hardware OATH resources (docs/graph-behaviour.md §3.7). The secret key is always null.</summary>
internal static class OathJson
{
    public const string MethodType = "#microsoft.graph.hardwareOathAuthenticationMethod";

    /// <param name="userName">The display name of the user it is assigned to (assignedTo is an identity: id and displayName).</param>
    public static JsonObject Device(OathDevice d, string? userName) => new()
    {
        ["@odata.type"] = "#microsoft.graph.hardwareOathTokenAuthenticationMethodDevice",
        ["id"] = d.Id,
        ["displayName"] = d.DisplayName,
        ["serialNumber"] = d.SerialNumber,
        ["manufacturer"] = d.Manufacturer,
        ["model"] = d.Model,
        ["secretKey"] = null,
        ["timeIntervalInSeconds"] = d.TimeIntervalInSeconds,
        ["status"] = d.Status,
        ["lastUsedDateTime"] = null,
        ["hashFunction"] = d.HashFunction,
        ["assignedTo"] = d.AssignedToUserId is { } id ? new JsonObject { ["id"] = id, ["displayName"] = userName } : null,
    };

    /// <summary>A user's method; the method id is the device id. The device comes along only with $expand=device (or in bulk answers).</summary>
    public static JsonObject Method(OathDevice d, string? userName, bool typed, bool withDevice)
    {
        var o = MethodJson.Typed(typed, MethodType, new JsonObject { ["id"] = d.Id, ["createdDateTime"] = MethodJson.IsoOrNull(d.AssignedAt) });
        if (withDevice)
        {
            o["device"] = Device(d, userName);
        }

        return o;
    }
}

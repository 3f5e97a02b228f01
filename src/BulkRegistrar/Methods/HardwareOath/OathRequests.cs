using System.Text.Json;
using BulkRegistrar.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>
/// The beta hardware OATH requests (docs/graph-behaviour.md §3.7). The SDK has no builder for them, so each is a
/// <see cref="RequestInformation"/> with an absolute <c>/beta</c> URL, sent like every other call through the transport, where it
/// travels in a beta <c>$batch</c> (docs/sdk-notes.md §13). A body is built anew per request; only the create carries the secret key.
/// </summary>
internal static class OathRequests
{
    private const string Devices = "directory/authenticationMethodDevices/hardwareOathDevices";

    /// <summary>The client's <c>…/v1.0</c> base as <c>…/beta</c>.</summary>
    public static string Beta(GraphRequests requests)
    {
        var v1 = requests.Client.RequestAdapter.BaseUrl!.TrimEnd('/');
        return v1.EndsWith("/v1.0", StringComparison.Ordinal) ? v1[..^"/v1.0".Length] + "/beta" : v1;
    }

    /// <summary><c>GET users/{id}/authentication/hardwareOathMethods?$expand=device</c>: the user's tokens with their serial and status.</summary>
    public static RequestInformation UserTokens(GraphRequests requests, string id) =>
        Make(Method.GET, $"{Methods(requests, id)}?$expand=device", null);

    /// <summary><c>GET hardwareOathDevices?$filter=serialNumber eq '…'</c>: the tenant's inventory entry for one serial (who holds it).</summary>
    public static RequestInformation BySerial(GraphRequests requests, string serial)
    {
        var filter = Uri.EscapeDataString($"serialNumber eq '{serial.Replace("'", "''", StringComparison.Ordinal)}'");
        return Make(Method.GET, $"{Beta(requests)}/{Devices}?$filter={filter}", null);
    }

    /// <summary><c>POST hardwareOathDevices</c> with <c>assignTo</c>: the token enters the inventory already the user's.</summary>
    public static RequestInformation Create(GraphRequests requests, OathSpec spec, string secret, string userId) =>
        Make(Method.POST, $"{Beta(requests)}/{Devices}", new Dictionary<string, object>
        {
            ["serialNumber"] = spec.Serial,
            ["manufacturer"] = spec.Manufacturer,
            ["model"] = spec.Model,
            ["secretKey"] = secret,
            ["timeIntervalInSeconds"] = spec.Interval,
            ["hashFunction"] = spec.Hash,
            ["assignTo"] = new Dictionary<string, string> { ["id"] = userId },
        });

    /// <summary><c>POST users/{id}/authentication/hardwareOathMethods</c> <c>{"device":{"id"}}</c>: a token of the inventory assigned.</summary>
    public static RequestInformation Assign(GraphRequests requests, string userId, string deviceId) =>
        Make(Method.POST, Methods(requests, userId), new Dictionary<string, object> { ["device"] = new Dictionary<string, string> { ["id"] = deviceId } });

    /// <summary><c>POST …/hardwareOathMethods/{id}/activate</c> with the token's current code.</summary>
    public static RequestInformation Activate(GraphRequests requests, string userId, string deviceId, string code) =>
        Make(Method.POST, $"{Methods(requests, userId)}/{Uri.EscapeDataString(deviceId)}/activate",
            new Dictionary<string, object> { ["verificationCode"] = code });

    /// <summary><c>DELETE …/hardwareOathMethods/{id}</c>: unassigned; the token stays in the inventory, available.</summary>
    public static RequestInformation Unassign(GraphRequests requests, string userId, string deviceId) =>
        Make(Method.DELETE, $"{Methods(requests, userId)}/{Uri.EscapeDataString(deviceId)}", null);

    private static string Methods(GraphRequests requests, string id) =>
        $"{Beta(requests)}/users/{Uri.EscapeDataString(id)}/authentication/hardwareOathMethods";

    private static RequestInformation Make(Method method, string url, object? body)
    {
        var info = new RequestInformation { HttpMethod = method, URI = new Uri(url) };
        info.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            info.SetStreamContent(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body)), "application/json");
        }

        return info;
    }
}

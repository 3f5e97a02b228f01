using System.Text.Json;
using BulkRegistrar.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.External;

/// <summary>One external authentication method a user holds: its id (DELETE needs it), the provider's configuration and its name.</summary>
internal sealed record CurrentExternal(string Id, string ConfigurationId, string? DisplayName);

/// <summary>
/// What a row asks: the tenant's external MFA configuration (a GUID, lower case) and, optionally, the method's display name.
/// Carried through the pipeline as <see cref="Format"/> (the audit's <c>normalized</c>): <c>{configurationId}</c> or
/// <c>{configurationId};{displayName}</c> (a configuration id holds no <c>;</c>, so the name may).
/// </summary>
internal sealed record ExternalSpec(string ConfigurationId, string? DisplayName)
{
    /// <summary>Graph requires a display name (docs/graph-behaviour.md §3.9); this one is sent when the row gives none.</summary>
    public const string DefaultDisplayName = "External MFA";

    public string Format() => DisplayName is null ? ConfigurationId : $"{ConfigurationId};{DisplayName}";

    public static ExternalSpec Parse(string value)
    {
        var cut = value.IndexOf(';', StringComparison.Ordinal);
        return cut < 0 ? new ExternalSpec(value, null) : new ExternalSpec(value[..cut], value[(cut + 1)..]);
    }

    /// <summary>The user holds a method of this configuration (one per configuration: Graph refuses a second).</summary>
    public CurrentExternal? In(IReadOnlyList<CurrentExternal>? held) =>
        held?.FirstOrDefault(m => string.Equals(m.ConfigurationId, ConfigurationId, StringComparison.OrdinalIgnoreCase));
}

/// <summary><c>GET /users/{id}/authentication/externalAuthenticationMethods</c>: every external method the user holds.</summary>
internal sealed class ExternalList() : MethodList<IReadOnlyList<CurrentExternal>>("external authentication methods")
{
    public static ExternalList Instance { get; } = new();

    public override RequestInformation Request(GraphRequests requests, string id) =>
        requests.Client.Users[id].Authentication.ExternalAuthenticationMethods.ToGetRequestInformation();

    public override IReadOnlyList<CurrentExternal>? Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var held = new List<CurrentExternal>();
        foreach (var m in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (GraphJson.Str(m, "id") is { } id && GraphJson.Str(m, "configurationId") is { } configuration)
            {
                held.Add(new CurrentExternal(id, configuration, GraphJson.Str(m, "displayName")));
            }
        }

        return held.Count == 0 ? null : held;
    }
}

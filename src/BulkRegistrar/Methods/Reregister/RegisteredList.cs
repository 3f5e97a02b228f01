using System.Text.Json;
using BulkRegistrar.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods.Reregister;

/// <summary>
/// One method a user holds, as <c>authentication/methods</c> lists it. <see cref="Detail"/> is what identifies it to a person: the
/// number of a phone, the address of the e-mail, else its display name (a device: "Maya Pixel"), or null.
/// </summary>
/// <param name="PhoneType">A phone's <c>phoneType</c> (mobile, alternateMobile, office); null for every other type.</param>
internal sealed record RegisteredMethod(string Type, string Id, string? Detail, string? PhoneType = null)
{
    /// <summary>The known type (how it is deleted, whether revert can restore it), or null for a type this tool does not know.</summary>
    public MethodType? Known => MethodType.Find(Type);

    /// <summary>
    /// The method as the audit's <c>normalized</c> names it: its path under <c>/users/{id}/authentication/</c> (<c>fido2Methods/…</c>,
    /// <c>qrCodePinMethod</c>), or the type and id of one without a path; revert reads the type back from it.
    /// </summary>
    public string Path => Known is { Segment: { } segment, ById: var byId } ? (byId ? $"{segment}/{Id}" : segment) : $"{Type}/{Id}";

    /// <summary>--keep names it: by its type, or a phone by its phoneType.</summary>
    public bool KeptBy(IReadOnlyCollection<string> keep) =>
        keep.Contains(Type, StringComparer.OrdinalIgnoreCase) || (PhoneType is { } p && keep.Contains(p, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// <c>GET /users/{id}/authentication/methods</c>: every method the user holds, whatever its type (docs/graph-behaviour.md §3.4, §3.8), each
/// named by its <c>@odata.type</c> — so a type this tool has no description of is still seen, and reregister covers it.
/// </summary>
internal sealed class RegisteredList() : MethodList<IReadOnlyList<RegisteredMethod>>("authentication methods")
{
    public static RegisteredList Instance { get; } = new();

    public override RequestInformation Request(GraphRequests requests, string id) =>
        requests.Client.Users[id].Authentication.Methods.ToGetRequestInformation();

    public override IReadOnlyList<RegisteredMethod> Read(string body)
    {
        var methods = new List<RegisteredMethod>();
        using var doc = JsonDocument.Parse(body);
        foreach (var m in doc.RootElement.GetProperty("value").EnumerateArray())
        {
            if (GraphJson.Str(m, "id") is not { } id)
            {
                continue;
            }

            var type = MethodType.NameOf(GraphJson.Str(m, "@odata.type"));
            var detail = GraphJson.Str(m, "phoneNumber") ?? GraphJson.Str(m, "emailAddress") ?? GraphJson.Str(m, "displayName")
                ?? GraphJson.Str(m, "model") ?? GraphJson.Str(m, "serialNumber");
            methods.Add(new RegisteredMethod(type, id, detail, GraphJson.Str(m, "phoneType")));
        }

        return methods;
    }

    /// <summary>The method a path names (<see cref="RegisteredMethod.Path"/>) in what the user holds, or null.</summary>
    public static RegisteredMethod? At(IReadOnlyList<RegisteredMethod>? methods, string? path) =>
        methods?.FirstOrDefault(m => string.Equals(m.Path, path, StringComparison.OrdinalIgnoreCase));
}

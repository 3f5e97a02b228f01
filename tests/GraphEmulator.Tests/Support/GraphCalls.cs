using System.Text;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace GraphEmulator.Tests.Support;

/// <summary>
/// Calls the SDK has no request builder for (QR code + PIN in v1.0, everything beta): a RequestInformation with an
/// absolute URL sent through the same GraphServiceClient, so auth, middleware and the ODataError mapping are the
/// SDK's own (docs/sdk-notes.md §8).
/// </summary>
public static class GraphCalls
{
    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new() { ["XXX"] = ODataError.CreateFromDiscriminatorValue };

    public static RequestInformation Request(Method method, string url, string? json = null)
    {
        var info = new RequestInformation { HttpMethod = method, URI = new Uri(url) };
        info.Headers.Add("Accept", "application/json");
        if (json is not null)
        {
            info.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)), "application/json");
        }

        return info;
    }

    /// <summary>Sends and parses the answer as JSON (null for 204); any 4xx/5xx throws the SDK's ODataError.</summary>
    public static async Task<JsonElement?> SendAsync(this GraphServiceClient graph, Method method, string url, string? json = null)
    {
        await using var stream = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(Request(method, url, json), Errors);
        if (stream is null)
        {
            return null;
        }

        using var doc = await JsonDocument.ParseAsync(stream);
        return doc.RootElement.Clone();
    }

    /// <summary>Sends and deserializes into an SDK model (the v1.0 SDK has the QR code + PIN models, not their request builders).</summary>
    public static Task<T?> SendAsync<T>(this GraphServiceClient graph, RequestInformation info, ParsableFactory<T> factory)
        where T : IParsable => graph.RequestAdapter.SendAsync(info, factory, Errors);
}

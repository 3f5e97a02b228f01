using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GraphEmulator.Graph;

/// <summary>Writes a <see cref="GraphResponse"/> to HTTP with the headers every Graph response carries.</summary>
internal static class ResponseWriter
{
    public const string ODataJson = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    private const string Diagnostic =
        """{"ServerInfo":{"DataCenter":"Emulator","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"graph-emulator"}}""";

    /// <summary>Graph writes '+' and quotes literally; the default encoder would send \u002B.</summary>
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext ctx, GraphResponse r, string? clientRequestId, DateTimeOffset now)
    {
        var res = ctx.Response;
        res.StatusCode = r.Status;
        var h = res.Headers;
        h["request-id"] = r.RequestId;
        h["client-request-id"] = clientRequestId ?? r.RequestId;
        h["x-ms-ags-diagnostic"] = Diagnostic;
        h.Date = now.ToString("R", CultureInfo.InvariantCulture);
        h.CacheControl = "no-cache";
        foreach (var (name, value) in r.Headers)
        {
            h.Append(name, value);
        }

        if (r.Body is null)
        {
            return;
        }

        res.ContentType = r.IsSuccess ? ODataJson : "application/json";
        await using (var w = new Utf8JsonWriter(res.BodyWriter, WriterOptions))
        {
            r.Body.WriteTo(w);
        }

        await res.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>Reads a JSON request body; (null, false) when there is none, (null, true) when it is not JSON.</summary>
    public static async Task<(JsonDocument? Doc, bool Invalid)> ReadJsonAsync(HttpRequest req, CancellationToken ct)
    {
        if (req.ContentLength == 0 || (req.ContentLength is null && req.Headers.TransferEncoding.Count == 0))
        {
            return (null, false);
        }

        using var ms = new MemoryStream();
        await req.Body.CopyToAsync(ms, ct);
        if (ms.Length == 0)
        {
            return (null, false);
        }

        try
        {
            return (JsonDocument.Parse(ms.GetBuffer().AsMemory(0, (int)ms.Length)), false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }
}

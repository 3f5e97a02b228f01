using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BulkRegistrar.Report;

/// <summary>
/// <c>report.html</c>: one self-contained page per run folder — the template, Chart.js and the run's data
/// inlined, nothing fetched. Built only from the folder's files (see <see cref="ReportData"/>), so it is the
/// last thing a verb does, after summary.json, and can be rebuilt for any run folder.
/// <para>
/// Escaping: every value a user or Graph controls travels in one JSON island
/// (<c>&lt;script type="application/json"&gt;</c>) encoded with the default <see cref="JavaScriptEncoder"/>,
/// which writes &lt; &gt; &amp; ' " and control characters as \uXXXX, so no cell can close the element or start
/// markup; the page's script reads it with JSON.parse and puts text into the DOM only through textContent.
/// </para>
/// </summary>
internal static class HtmlReport
{
    public const string FileName = "report.html";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>Writes <c>report.html</c> into the run folder.</summary>
    /// <param name="attention">The run's rows that need attention when it wrote the whole audit itself, else null (read back).</param>
    /// <returns>Null when written, else why not. A report that cannot be built never changes a run's exit code.</returns>
    public static string? Write(string runFolder, AttentionRows? attention = null)
    {
        try
        {
            var html = Render(ReportData.Load(runFolder, attention));
            File.WriteAllText(Path.Combine(runFolder, FileName), html, new UTF8Encoding(false));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            return $"report.html was not written: {e.Message}";
        }
    }

    public static string Render(JsonObject data)
    {
        var chart = Resource("chart.umd.min.js");
        if (chart.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The vendored Chart.js contains '</script' and cannot be inlined.");
        }

        return Resource("report.template.html")
            .Replace("/*CHARTJS*/", chart, StringComparison.Ordinal)
            .Replace("{/*DATA*/}", data.ToJsonString(Json), StringComparison.Ordinal);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream("BulkRegistrar.Report." + name)
            ?? throw new InvalidOperationException($"Resource {name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

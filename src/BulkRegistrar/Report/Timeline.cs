using System.Text.Json;
using System.Text.Json.Nodes;

namespace BulkRegistrar.Report;

/// <summary>
/// <c>timeline.jsonl</c>, written by apply through <see cref="TimelineRecorder"/>: a first line
/// <c>{"kind":"budget","writesPerSecond":…}</c> (the configured write budget in wall-clock writes per
/// second, i.e. already multiplied by the emulator's time compression), then one line per interval
/// (normally one second):
/// <c>{"kind":"interval","t":end seconds since start,"seconds":length,"writes":n,"requests":n,"throttled":n429,</c>
/// <c>"pausedMs":gate closed,"pacerWritesPerSecond":r}</c>.
/// </summary>
internal static class Timeline
{
    public const string FileName = "timeline.jsonl";

    /// <returns>The timeline for the page, or null when the run has none (validate, plan).</returns>
    public static JsonObject? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        double? budget = null;
        var points = new JsonArray();
        foreach (var line in File.ReadLines(path))
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                continue; // a torn last line: keep what was written whole
            }

            using (doc)
            {
                var e = doc.RootElement;
                switch (Str(e, "kind"))
                {
                    case "budget":
                        budget = Number(e, "writesPerSecond");
                        break;
                    case "interval":
                        points.Add(new JsonObject
                        {
                            ["t"] = Number(e, "t"),
                            ["seconds"] = Number(e, "seconds"),
                            ["writes"] = Int(e, "writes"),
                            ["requests"] = Int(e, "requests"),
                            ["throttled"] = Int(e, "throttled"),
                            ["pausedMs"] = Int(e, "pausedMs"),
                            ["pacerWritesPerSecond"] = Number(e, "pacerWritesPerSecond"),
                        });
                        break;
                }
            }
        }

        return new JsonObject { ["writesPerSecondBudget"] = budget, ["points"] = points };
    }

    private static double? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
}

namespace GraphEmulator.Graph;

/// <summary>
/// Splits a Graph URL (relative to /v1.0) into decoded segments and a query. Accepts both
/// <c>users/{key}</c> and the OData key form <c>users('{key}')</c> (docs/graph-behaviour.md §8).
/// </summary>
internal sealed class GraphPath
{
    private GraphPath(string[] segments, string query, bool keyForm)
    {
        Segments = segments;
        Query = query;
        KeyForm = keyForm;
    }

    public string[] Segments { get; }

    public string Query { get; }

    /// <summary>The user was addressed as users('…'), where a leading '$' is legal.</summary>
    public bool KeyForm { get; }

    public static GraphPath Parse(string url)
    {
        // A raw '#' starts a fragment, exactly as it would on the wire: everything after it is lost.
        // That is what happens to an unescaped #EXT# UPN in a $batch url [emu, see docs/emulator.md].
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            url = url[..hash];
        }

        var q = url.IndexOf('?', StringComparison.Ordinal);
        var path = q >= 0 ? url[..q] : url;
        var query = q >= 0 ? url[(q + 1)..] : "";
        var raw = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var keyForm = false;
        var segments = new List<string>(raw.Length + 1);
        foreach (var r in raw)
        {
            var s = Uri.UnescapeDataString(r);
            if (segments.Count == 0 && s.StartsWith("users(", StringComparison.OrdinalIgnoreCase) && s.EndsWith(')'))
            {
                var inner = s[6..^1];
                if (inner.Length >= 2 && inner[0] == '\'' && inner[^1] == '\'')
                {
                    // OData string literal: a quote inside is doubled.
                    inner = inner[1..^1].Replace("''", "'", StringComparison.Ordinal);
                }

                segments.Add("users");
                segments.Add(inner);
                keyForm = true;
                continue;
            }

            segments.Add(s);
        }

        return new GraphPath([.. segments], query, keyForm);
    }

    /// <summary>Value of one query option ($select …), decoded; null when absent.</summary>
    public string? QueryOption(string name)
    {
        foreach (var part in Query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? part[..eq] : part);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return eq >= 0 ? Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' ')) : "";
            }
        }

        return null;
    }
}

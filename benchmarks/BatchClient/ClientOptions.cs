using System.Globalization;

namespace BatchClient;

/// <param name="InFlight">
/// How many <c>$batch</c> POSTs may be outstanding at once: a slot is held only while a POST is on its way, never
/// while a batch waits out a Retry-After, so throttled batches do not hold back the others.
/// </param>
/// <param name="Attempts">How many times an item answered 5xx is sent in all; a throttled item (429) is retried until it is admitted.</param>
/// <param name="PauseAll">
/// <c>--pause-all</c>: a 429 holds every batch, not only its own, until its Retry-After has passed (Microsoft's "back off"
/// after a 429, docs/graph-behaviour.md §T1.4, read as one client-wide pause). Off by default: Microsoft's batching sample retries per batch.
/// </param>
/// <param name="Workers">
/// <c>--workers</c>: <see cref="InFlight"/> workers (<c>Parallel.ForEachAsync</c>), each taking the next 20 rows and seeing
/// them through — its retries and their waits included — before it takes more: a throttled batch then does hold its slot,
/// so no new batch starts while the budget is spent. The other common way to write "N in flight".
/// </param>
internal sealed record ClientOptions(string Csv, Uri Url, string Tenant, string Client, string Pin, double K, int InFlight, int Attempts, bool PauseAll,
    bool Workers = false)
{
    public const int BatchSize = 20;

    /// <summary>A 429 is the service asking to come back later, never a verdict on the row; still, a run must end.</summary>
    public const int ThrottledAttempts = 100;

    public static ClientOptions? Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var pauseAll = args.Contains("--pause-all");
        var workers = args.Contains("--workers");
        args = [.. args.Where(a => a is not ("--pause-all" or "--workers"))];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            map[args[i]] = args[i + 1];
        }

        if (!map.TryGetValue("--csv", out var csv) || !map.TryGetValue("--url", out var url) || !map.TryGetValue("--tenant", out var tenant)
            || !map.TryGetValue("--client", out var client) || !map.TryGetValue("--pin", out var pin))
        {
            return null;
        }

        return new ClientOptions(csv, new Uri(url), tenant, client, pin,
            double.Parse(map.GetValueOrDefault("--k", "1"), CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("--in-flight", "16"), CultureInfo.InvariantCulture),
            int.Parse(map.GetValueOrDefault("--attempts", "5"), CultureInfo.InvariantCulture), pauseAll, workers);
    }
}

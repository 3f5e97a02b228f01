using BulkRegistrar.Graph;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods;

/// <summary>
/// Re-reads the tenant until it shows what a write did, with a short bounded backoff: a replicated
/// directory need not show a write at once (the strict emulator holds reads back up to 2 emulated
/// seconds; docs/emulator.md, read-after-write lag). Waits run on the <see cref="TimeProvider"/> and are
/// divided by the target's time compression k; in all they stay under 8 s of the target's time.
/// </summary>
internal sealed class ReadBack(GraphExecutor graph, TimeProvider time, double timeCompression, CancellationToken stop)
{
    /// <summary>Seconds (of the target's time) to wait before each read.</summary>
    private static readonly double[] Waits = [0, 0.25, 0.5, 1, 2, 4];

    /// <returns>The last body read (null when no read succeeded), whether <paramref name="shows"/> held, and the last failed read.</returns>
    public async Task<(string? Body, bool Shown, CallResult? Failed)> UntilAsync(Func<RequestInformation> request, Func<string, bool> shows)
    {
        string? body = null;
        CallResult? failed = null;
        foreach (var wait in Waits)
        {
            try
            {
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / Math.Max(1, timeCompression)), time, stop);
                }

                var read = await graph.RunAsync(new GraphCall(request(), IsWrite: false));
                if (!read.Result.IsSuccess)
                {
                    failed = read.Result;
                    continue;
                }

                body = read.Result.Body!;
                if (shows(body))
                {
                    return (body, true, null);
                }
            }
            catch (OperationCanceledException)
            {
                break; // the run is stopping: what was seen so far is the answer
            }
        }

        return (body, false, failed);
    }
}

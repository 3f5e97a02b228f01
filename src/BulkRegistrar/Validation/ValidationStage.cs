using System.Threading.Channels;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// Reader → validator → duplicate rules, streaming. Pass 1 indexes repeated users; pass 2 reads the
/// file again on its own thread, ahead of validation through a bounded channel (so one chunk waits,
/// whatever the file size), and hands each user's judged rows to the sink in file order (a repeated
/// user is handed over at its last line). Both passes keep the young generation small
/// (<see cref="YoungGenerationPacer"/>). Validation itself runs on one thread: measured,
/// libphonenumber got slower, not faster, when two threads shared it.
/// </summary>
/// <param name="pacer">The run's pacer, when later stages tick it too (apply's workers); else the stage's own.</param>
internal sealed class ValidationStage(RowValidator validator, string? defaultRegion, FileVerdict? verdict = null, YoungGenerationPacer? pacer = null)
{
    // Groups between two ticks of the pacer: a few per chunk, so that apply, which hands users over only as fast as Graph
    // takes them, ticks several times a second.
    private const int GroupsPerTick = 16;

    private readonly YoungGenerationPacer _pacer = pacer ?? YoungGenerationPacer.ForProcess(YoungGenerationPacer.StreamingBudget);

    // Rows waiting in the channel outlive young collections and get promoted: at 2048 rows a chunk (with the audit's 4,096
    // users waiting) a million-row file cost 32-37 gen-2 collections, at 1024 (and 8 × 256 users) 6-11 (docs/benchmarks.md, issue 22).
    private const int ChunkSize = 1024;

    // Chunks the reader may have waiting: every young collection the pacer asks for copies the waiting rows into an older
    // generation, so the queue's depth is what those collections cost. At a million rows paced at 16 MiB: 4 chunks 1.10–1.15 s
    // of GC pause, 2 chunks 0.74–0.78 s, 1 chunk 0.50–0.70 s (unpaced with 4: 0.55–0.66 s); the reader, several times faster
    // than validation, keeps even one chunk filled (docs/benchmarks.md, issue 22).
    private const int ChunksAhead = 1;

    public long RowsRead { get; private set; }

    /// <summary>Young collections the pacer asked for to keep peak memory flat (<see cref="YoungGenerationPacer"/>).</summary>
    public int YoungCollectionsInduced => _pacer.Induced;

    /// <summary>Rows in the file, known once the first pass is done (for progress).</summary>
    public long? TotalRows { get; private set; }

    /// <param name="indexPass">The file's rows, read once for the duplicate index.</param>
    /// <param name="mainPass">The same rows read again (a second reader over the same file).</param>
    public async Task RunAsync(IEnumerable<RawRow> indexPass, IEnumerable<RawRow> mainPass, Func<UserRows, ValueTask> sink, CancellationToken ct)
    {
        var index = DuplicateIndex.Build(_pacer.Pace(verdict is null ? indexPass : verdict.Observe(indexPass), ChunkSize));
        if (verdict?.Problem() is { } problem)
        {
            throw new InputFileException(problem); // before any row reaches the audit: the file, not its rows, needs fixing
        }

        TotalRows = index.RowCount;
        // Pass 1's arrays (12 MB for a million users) are garbage now; hand them back to the
        // OS before pass 2 allocates, so peak memory is the larger of the two passes, not their sum.
        if (index.RowCount > 100_000)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        var resolver = new DuplicateResolver(index);
        var chunks = Channel.CreateBounded<RawRow[]>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });

        var producer = Task.Run(() => Produce(mainPass, chunks.Writer, ct), ct);
        var groups = 0;
        await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
        {
            foreach (var raw in chunk)
            {
                foreach (var group in resolver.Accept(validator.Validate(raw, defaultRegion)))
                {
                    await sink(group);
                    if (++groups % GroupsPerTick == 0)
                    {
                        _pacer.Tick(); // the reader's, the audit's and apply's allocations count too
                    }
                }
            }

            RowsRead += chunk.Length;
        }

        await producer; // surfaces a reader failure (file-level error) to the caller
        foreach (var group in resolver.Finish())
        {
            await sink(group);
        }
    }

    private static async Task Produce(IEnumerable<RawRow> rows, ChannelWriter<RawRow[]> writer, CancellationToken ct)
    {
        try
        {
            var buffer = new List<RawRow>(ChunkSize);
            foreach (var row in rows)
            {
                buffer.Add(row);
                if (buffer.Count == ChunkSize)
                {
                    await writer.WriteAsync([.. buffer], ct);
                    buffer.Clear();
                }
            }

            if (buffer.Count > 0)
            {
                await writer.WriteAsync([.. buffer], ct);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
            throw;
        }
    }
}

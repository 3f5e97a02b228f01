namespace BulkRegistrar.Validation;

/// <summary>
/// Collects the youngest generation once <paramref name="budget"/> bytes have been allocated since the last collection of
/// it, so a streaming pass over a large file keeps that generation small. Left alone, the GC sizes its allocation budget
/// from the CPU's last-level cache: validate's peak memory at a million rows was 199 MB on a machine with a 260 MiB L3,
/// 123 MB on one with a smaller cache, and the names tried for it in runtimeconfig.json changed nothing (the environment's
/// <c>DOTNET_GCgen0size</c> does, which a tool cannot set for itself; docs/benchmarks.md, issue 22). Rows a pass has finished with are garbage
/// by the next collection, so what a collection costs is the rows still waiting (<c>ValidationStage.ChunksAhead</c>).
/// </summary>
/// <param name="allocated">Bytes allocated by the process so far.</param>
/// <param name="collections">Collections of the youngest generation so far (the runtime's own ones included).</param>
/// <param name="collect">Collects the youngest generation.</param>
internal sealed class YoungGenerationPacer(long budget, Func<long> allocated, Func<int> collections, Action collect)
{
    /// <summary>validate's budget: at 1,000,000 rows on the large-cache machine, 16 MiB held the whole process's peak at
    /// 124–138 MB (8 MiB 130 MB, 24 MiB 144–147 MB, 32 MiB 144–151 MB, unpaced 188–200 MB).</summary>
    public const long StreamingBudget = 16L << 20;

    /// <summary>plan's and apply's budget, larger: a collection during apply also copies every user in flight and waiting. At
    /// 100,000 users (the memory benchmark, k = 200): 16 MiB 220 MB but 65–76 s; 32 MiB 232–235 MB, 64–66 s; 64 MiB 266 MB,
    /// 61 s; unpaced 270–273 MB, 60–64 s.</summary>
    public const long GraphRunBudget = 32L << 20;

    private readonly Lock _gate = new();
    private long _since = allocated();
    private int _seen = collections();

    /// <summary>How many collections the pacer asked for.</summary>
    public int Induced { get; private set; }

    public static YoungGenerationPacer ForProcess(long budget) => new(
        budget,
        () => GC.GetTotalAllocatedBytes(),
        () => GC.CollectionCount(0),
        () => GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false));

    /// <summary>Collects if the budget has been allocated since the last collection; a collection the runtime made on its
    /// own in the meantime starts the count again. Any thread may call it: while one thread is in it, the others return.</summary>
    public void Tick()
    {
        if (!_gate.TryEnter())
        {
            return;
        }

        try
        {
            var now = allocated();
            var count = collections();
            if (count != _seen)
            {
                (_since, _seen) = (now, count);
                return;
            }

            if (now - _since >= budget)
            {
                collect();
                Induced++;
                (_since, _seen) = (now, collections());
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>The items of <paramref name="source"/>, in order, with a <see cref="Tick"/> after every <paramref name="every"/>.</summary>
    public IEnumerable<T> Pace<T>(IEnumerable<T> source, int every)
    {
        var n = 0;
        foreach (var item in source)
        {
            yield return item;
            if (++n == every)
            {
                n = 0;
                Tick();
            }
        }
    }
}

namespace BulkRegistrar.Validation;

/// <summary>
/// Collects the youngest generation once <paramref name="budget"/> bytes have been allocated since the last collection of
/// it, so a streaming pass over a large file keeps that generation small. Left alone, the GC sizes its allocation budget
/// from the CPU's last-level cache: validate's peak memory at a million rows was 199 MB on a machine with a 260 MiB L3,
/// 123 MB on one with a smaller cache, and no setting a runtimeconfig.json can carry changes that budget (only the
/// environment's <c>DOTNET_GCgen0size</c> does; docs/benchmarks.md, issue 22). Rows a pass has finished with are garbage
/// by the next collection, so what a collection costs is the rows still waiting (<c>ValidationStage.ChunksAhead</c>).
/// </summary>
/// <param name="allocated">Bytes allocated by the process so far.</param>
/// <param name="collections">Collections of the youngest generation so far (the runtime's own ones included).</param>
/// <param name="collect">Collects the youngest generation.</param>
internal sealed class YoungGenerationPacer(long budget, Func<long> allocated, Func<int> collections, Action collect)
{
    /// <summary>The budget validate's and apply's reading uses: at 1,000,000 rows on the large-cache machine, 16 MiB held the
    /// whole process's peak at 124–137 MB (8 MiB 130 MB, 24 MiB 144–147 MB, 32 MiB 144–151 MB, unpaced 188–200 MB).</summary>
    public const long StreamingBudget = 16L << 20;

    private long since = allocated();
    private int seen = collections();

    /// <summary>How many collections the pacer asked for.</summary>
    public int Induced { get; private set; }

    public static YoungGenerationPacer ForProcess(long budget) => new(
        budget,
        () => GC.GetTotalAllocatedBytes(),
        () => GC.CollectionCount(0),
        () => GC.Collect(0, GCCollectionMode.Forced, blocking: true, compacting: false));

    /// <summary>Collects if the budget has been allocated since the last collection; a collection the runtime made on its
    /// own in the meantime starts the count again.</summary>
    public void Tick()
    {
        var now = allocated();
        var count = collections();
        if (count != seen)
        {
            (since, seen) = (now, count);
            return;
        }

        if (now - since >= budget)
        {
            collect();
            Induced++;
            (since, seen) = (now, collections());
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

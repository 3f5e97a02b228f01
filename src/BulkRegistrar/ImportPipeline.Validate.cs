using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar;

/// <summary>
/// The first stage, which every verb runs, and the validate verb, which stops after it: rows through validation and the
/// duplicate rules, every judged cell to the audit. The stages after validation (plan, apply) are in <c>ImportPipeline.cs</c>.
/// </summary>
internal sealed partial class ImportPipeline
{
    /// <summary>validate's users per hand-off to the audit task (a few hundred KB of records at most).</summary>
    private const int AuditBatch = 256;

    /// <summary>
    /// validate: the file's rows through validation and the duplicate rules, every cell to the audit as validation
    /// judged it; nothing is planned and the tenant is not contacted. Cancellable (nothing is half-sent), and the
    /// audit is complete up to where it stopped: <paramref name="audit"/> is drained before this returns or throws.
    /// </summary>
    public async Task ValidateAsync(CsvRowReader indexReader, CsvRowReader mainReader, AuditWriter audit, Action<AuditRecord> observe, CancellationToken ct)
    {
        // Users go to the audit's task in batches, not one by one: a million single-user hand-offs kept that task waking and
        // sleeping, and the two threads contending for the channel's lock, for ~2 s of a 1M-row run (docs/benchmarks.md, issue 22).
        var records = new AuditStage<List<UserRows>>(audit, RecordsOf, observe,
            capacity: 8); // 8 × 256 users waiting at most: fewer than the 4,096 when they went one by one, so fewer are promoted
        var batch = new List<UserRows>(AuditBatch);
        try
        {
            await NewValidation(indexReader).RunAsync(indexReader.ReadRows(), mainReader.ReadRows(), group =>
            {
                batch.Add(group);
                if (batch.Count < AuditBatch)
                {
                    return ValueTask.CompletedTask;
                }

                // Not cancellable: judged users are never dropped on the way (the audit task drains what it holds), so a
                // stop still leaves the audit complete up to the chunk being read; the stop is seen at the next chunk.
                var full = batch;
                batch = new List<UserRows>(AuditBatch);
                return records.Accept(full, CancellationToken.None);
            }, ct);
        }
        finally
        {
            if (batch.Count > 0)
            {
                await records.Accept(batch, CancellationToken.None); // judged before the stop: the audit is complete up to there
            }

            await records.CompleteAsync();
        }
    }

    /// <summary>Every cell of a batch of judged users, in order; loops rather than LINQ, since this runs once per record of a big file.</summary>
    private static IEnumerable<AuditRecord> RecordsOf(List<UserRows> batch)
    {
        foreach (var group in batch)
        {
            for (var i = 0; i < group.Rows.Count; i++)
            {
                foreach (var cell in group.Rows[i].Cells)
                {
                    yield return AuditRecords.Of(cell);
                }
            }
        }
    }

    /// <summary>The first stage, the same for every verb; kept in <see cref="Validation"/> for progress and the row count.</summary>
    /// <param name="pacer">Plan's and apply's pacer, which their workers tick too; validate's stage paces itself.</param>
    private ValidationStage NewValidation(CsvRowReader file, YoungGenerationPacer? pacer = null) =>
        Validation = new ValidationStage(_validator, settings.Region, new FileVerdict(file.Columns, file.Path, settings.Methods ?? MethodDefaults.None), pacer);
}

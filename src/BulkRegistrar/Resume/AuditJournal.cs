using BulkRegistrar.Audit;

namespace BulkRegistrar.Resume;

/// <summary>
/// The audit of a run that did not finish, read back as its journal. A kill can tear only the last line
/// (the writer appends whole records in order), so an unterminated tail is dropped; a damaged line anywhere
/// else means the file is not ours to trust, and the resume is refused.
/// Records that say a row was not finished are re-planned rather than kept (see <see cref="IsTerminal"/>).
/// </summary>
internal static class AuditJournal
{
    public const string SupersededFile = "audit.superseded.jsonl";

    /// <param name="Kept">Terminal records, in file order, with their original JSON lines.</param>
    /// <param name="Superseded">Lines of records that will be re-planned (kept as evidence in <see cref="SupersededFile"/>).</param>
    /// <param name="TornBytes">Bytes of an unterminated last line that were dropped (0 when the file ended cleanly).</param>
    public sealed record Contents(IReadOnlyList<(AuditRecord Record, string Json)> Kept, IReadOnlyList<string> Superseded, int TornBytes);

    /// <summary>
    /// A record that settles its (line, method) for good. Not terminal: a write that may have landed
    /// (<c>OutcomeUnknown</c>) — planning reads the tenant again, so it comes out Unchanged if it landed and
    /// is written if it did not — and rows the stopped run never sent (<c>Cancelled</c>, <c>RunAborted</c>), or whose
    /// secret it could not keep (<c>HandoffUnwritable</c>: a problem of the run's disk, not of the row; a pass issued but
    /// not kept is replaced, <see cref="Planning.CurrentMethods.MayBeLost"/>, and a password reset is sent again).
    /// Everything else (including Failed and GuardrailReached) is the run's answer for that row and is kept.
    /// </summary>
    public static bool IsTerminal(AuditRecord r) =>
        r.Error is not (Validation.ErrorCodes.OutcomeUnknown or Validation.ErrorCodes.Cancelled
            or Validation.ErrorCodes.RunAborted or Validation.ErrorCodes.HandoffUnwritable);

    /// <exception cref="UsageException">A line other than the last is not a record.</exception>
    public static Contents Read(string path)
    {
        if (!File.Exists(path))
        {
            return new Contents([], [], 0);
        }

        var kept = new List<(AuditRecord, string)>();
        var superseded = new List<string>();
        var seen = new Dictionary<(int Line, MethodKind Method), int>();
        using var audit = AuditFile.Open(path);
        foreach (var (number, json, read) in audit.Lines(withJson: true, tornTail: true))
        {
            var record = read ?? throw new UsageException($"--resume: audit.jsonl line {number} is not an audit record; the audit was changed by hand or "
                + "damaged, so it cannot be trusted as the run's journal.");
            // The writer gives each (line, method) exactly one record per session, and a resume moves the superseded
            // ones aside: a second one means the journal was edited or appended twice. Refused rather than counted
            // once, because which of the two is the truth is not ours to guess (they may disagree).
            if (!seen.TryAdd((record.Line, record.Method), number))
            {
                throw new UsageException($"--resume: audit.jsonl holds two records for input line {record.Line} ({AuditNames.Of(record.Method)}), "
                    + $"at its lines {seen[(record.Line, record.Method)]} and {number}; the audit was edited or appended twice, so it cannot be trusted as "
                    + "the run's journal. "
                    + "Remove the wrong one, or start a new run.");
            }

            if (IsTerminal(record))
            {
                kept.Add((record, json!));
            }
            else
            {
                superseded.Add(json!);
            }
        }

        return new Contents(kept, superseded, audit.TornBytes);
    }

    /// <summary>
    /// Reads the run folder's audit and rewrites <c>audit.jsonl</c> and <c>audit.csv</c> to hold exactly the
    /// kept records (the CSV regenerated from the journal, so the two are in step whatever the kill tore),
    /// each through a temporary file and a rename: a second crash here leaves the old or the new journal, never half.
    /// </summary>
    /// <exception cref="UsageException">The journal is not trustworthy, or the folder cannot be written (still full, read-only).</exception>
    public static Contents Prepare(string runFolder, string? target)
    {
        try
        {
            return Rewrite(runFolder, target);
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            throw new UsageException($"--resume: {EvidenceFailure.Problem(runFolder, e)}, so the journal cannot be prepared and nothing is sent; free space "
                + "(or make it writable) and resume again.");
        }
    }

    private static Contents Rewrite(string runFolder, string? target)
    {
        var jsonl = AuditFile.In(runFolder);
        var csv = Path.Combine(runFolder, "audit.csv");
        var contents = Read(jsonl);
        if (contents.Superseded.Count > 0)
        {
            File.AppendAllLines(Path.Combine(runFolder, SupersededFile), contents.Superseded);
        }

        var jsonlTemp = jsonl + ".resume";
        var csvTemp = csv + ".resume";
        File.WriteAllText(jsonlTemp, string.Concat(contents.Kept.Select(k => k.Json + "\n")));
        using (var formatter = new CsvAuditFormatter(csvTemp, target))
        {
            foreach (var (record, _) in contents.Kept)
            {
                formatter.Write(record);
            }
        }

        File.Move(jsonlTemp, jsonl, overwrite: true);
        File.Move(csvTemp, csv, overwrite: true);
        return contents;
    }
}

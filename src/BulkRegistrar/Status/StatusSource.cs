using BulkRegistrar.Audit;
using BulkRegistrar.Methods;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Status;

/// <summary>One user whose onboarding status reads: the line their record carries, the user as the file names them, and — for a run
/// folder — whether that run issued them a pass, and its id.</summary>
internal sealed record StatusUser(int Line, string User, bool PassIssued = false, string? IssuedPassId = null);

/// <summary>
/// The users of a status run, read whole before the run folder is made (so a file that cannot be read is one sentence and
/// no folder): every line of a CSV ends with a record — a user's first line is checked, a later line of the same user is
/// <c>Skipped</c>/<c>DuplicateRow</c> naming it, a line with no usable user is <c>Invalid</c> as validate says —; or the users of a
/// finished apply run, each once, on the line of its first record, with the pass that run issued them.
/// </summary>
/// <param name="Settled">Records made without Graph: the invalid and repeated lines.</param>
/// <param name="Rows">The rows read (CSV) or the records read (run folder): summary.json's rowsRead.</param>
internal sealed record StatusSource(IReadOnlyList<StatusUser> Users, IReadOnlyList<AuditRecord> Settled, long Rows, RunInput Input, string InputPath)
{
    /// <exception cref="InputFileException">A file-level problem (no user column, undecodable, a header but no rows…).</exception>
    public static StatusSource FromCsv(string path, CsvOptions options, string? encoding)
    {
        using var reader = CsvRowReader.Open(path, options, encoding);
        var users = new List<StatusUser>();
        var settled = new List<AuditRecord>();
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        long rows = 0;
        foreach (var row in reader.ReadRows())
        {
            rows++;
            var check = row.Malformed is null ? UserIdValidator.Validate(row.User) : Verdict.Fail(ErrorCodes.MalformedRecord, row.Malformed);
            if (!check.IsValid)
            {
                settled.Add(AuditRecords.OfUser(row.Line, row.User, row.User, null, Outcome.Invalid, check.Error, check.Message));
            }
            else if (first.TryGetValue(check.Value!, out var line))
            {
                settled.Add(AuditRecords.OfUser(row.Line, check.Value, row.User, null, Outcome.Skipped, ErrorCodes.DuplicateRow,
                    $"The same user as line {line}: their status is on that line."));
            }
            else
            {
                first[check.Value!] = row.Line;
                users.Add(new StatusUser(row.Line, check.Value!));
            }
        }

        if (rows == 0)
        {
            throw new InputFileException($"Nothing to check: the file has a header but no rows ({Path.GetFileName(path)}); check the export that produced it.");
        }

        var input = new RunInput(Path.GetFileName(path), reader.FileLength, FileHash.Sha256Of(path), reader.Encoding.WebName,
            reader.Delimiter == '\t' ? "tab" : reader.Delimiter.ToString(), reader.PhysicalLines);
        return new StatusSource(users, settled, rows, input, Path.GetFullPath(path));
    }

    /// <exception cref="UsageException">Not the folder of a finished apply run, or its audit cannot be read.</exception>
    public static StatusSource FromRun(string folder)
    {
        var audit = AuditFile.In(folder);
        var summary = File.Exists(audit) ? SummaryFile.Read(folder) : null;
        if (summary is null)
        {
            throw new UsageException($"'{folder}' is not the folder of a finished run (it needs audit.jsonl and summary.json); name an apply "
                + "run's folder or a CSV.");
        }

        if (summary.Mode != "apply")
        {
            throw new UsageException($"'{folder}' is a {summary.Mode ?? "unknown"} run; status reads the users of an apply run's folder, or of a CSV.");
        }

        var users = new Dictionary<string, StatusUser>(StringComparer.OrdinalIgnoreCase);
        long records = 0;
        try
        {
            using var file = AuditFile.Open(audit);
            foreach (var line in file.Lines())
            {
                var r = line.Record ?? throw new UsageException($"audit.jsonl line {line.Number} in '{folder}' is not a record of the run (edited or damaged); "
                    + "restore the file from a backup.");
                records++;
                if (!UserIdValidator.Validate(r.User).IsValid)
                {
                    continue; // a line without a usable user was never a user: the apply run's audit already says why
                }

                var issued = AuthMethods.Find(r.Method)?.IsTemporaryPass == true && r.Outcome == Outcome.Created;
                var known = users.GetValueOrDefault(r.User!) ?? new StatusUser(r.Line, r.User!);
                users[r.User!] = known with
                {
                    Line = Math.Min(known.Line, r.Line),
                    PassIssued = known.PassIssued || issued,
                    IssuedPassId = issued ? r.IssuedId ?? known.IssuedPassId : known.IssuedPassId,
                };
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The run folder '{folder}' cannot be read ({IoReason.Of(e)}).");
        }

        var input = new RunInput(AuditFile.Name, new FileInfo(audit).Length, FileHash.Sha256Of(audit), "utf-8", null);
        return new StatusSource([.. users.Values.OrderBy(u => u.Line)], [], records, input, audit);
    }
}

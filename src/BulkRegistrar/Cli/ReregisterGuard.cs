using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// A reregister run deletes what users registered themselves (Authenticator, passkeys, Windows Hello), which revert cannot give back. So
/// an apply whose reregister rows would delete more than <see cref="Threshold"/> methods — or more than <c>--max-changes</c>, when it is
/// given — needs <c>--yes</c>: without it the run counts the deletions first, as plan does (reads only, into a scratch audit that is
/// removed), and stops before any write with one sentence saying how many and how to confirm (exit 2, <c>abortCause</c>
/// <see cref="AbortCause"/>). The count needs the users' method lists, so those reads are sent; no write is.
/// </summary>
internal static class ReregisterGuard
{
    /// <summary>The deletions a run may make without --yes: a handful of users' lost phones, not a department.</summary>
    public const int Threshold = 10;

    public const string AbortCause = "reregisterNotConfirmed";

    /// <summary>The file has a row whose Action is reregister (the Action column scanned; a file without it has none).</summary>
    public static bool Wanted(RunContext run)
    {
        try
        {
            using var reader = CsvRowReader.Open(run.InputPath, run.Settings.Csv, run.Encoding);
            return reader.HasColumn(RowField.Action)
                && reader.ReadRows().Any(r => CellVocabulary.TryParseAction(r.Action, out var a) && a == RowAction.Reregister);
        }
        catch (Exception e) when (e is InputFileException or IOException or UnauthorizedAccessException)
        {
            return false; // the run itself reports a file it cannot read, with the usual accounting
        }
    }

    /// <summary>The sentence that stops the run, or null when its deletions are within <paramref name="limit"/> (or could not be counted).</summary>
    public static async Task<string?> RefusalAsync(RunContext run, PipelineSettings settings, GraphTarget target, long limit, CancellationToken ct)
    {
        if (!Wanted(run))
        {
            return null;
        }

        run.Console.MarkupLine(SafeConsole.Line("Counting what the reregister rows would delete (reads only) before anything is written…"));
        var scratch = Directory.CreateTempSubdirectory("bulkregistrar-reregister-"); // owner-only: its audit holds numbers
        long deletions = 0;
        var users = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using (var audit = AuditWriter.Open(scratch.FullName, run.Time, target.Kind))
            {
                var stage = new AuditStage<IReadOnlyList<AuditRecord>>(audit, records => records, r =>
                {
                    if (r.Outcome == Outcome.WouldDelete && AuthMethods.Find(r.Method)?.DeletesHeldMethods == true)
                    {
                        deletions++; // the stage observes on its one writer task
                        users.Add(r.User ?? "");
                    }
                });
                var plan = new ImportPipeline(settings with
                {
                    Apply = false, Intents = null, State = null, Resume = null, Handoff = null, Only = Reregisters,
                }, run.Time, run.Log);
                try
                {
                    using var index = CsvRowReader.Open(run.InputPath, run.Settings.Csv, run.Encoding);
                    using var main = CsvRowReader.Open(run.InputPath, run.Settings.Csv, run.Encoding);
                    if (await plan.RunAsync(index, main, target, stage, ct) is not null)
                    {
                        return null; // aborted (no connection, no token): the run itself meets it again and reports it
                    }
                }
                finally
                {
                    await stage.CompleteAsync();
                }
            }
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                run.Log.Warning("The scratch folder {Folder} of the reregister count could not be removed ({Reason}); delete it", scratch.FullName, e.Message);
            }
        }

        run.Log.Information("Reregister: {Deletions} methods of {Users} users would be deleted (limit without --yes: {Limit})", deletions, users.Count, limit);
        return deletions <= limit ? null
            : $"This run would delete {deletions} authentication methods of {users.Count} users (reregister), more than {limit}, and revert cannot "
                + $"restore a deleted Authenticator, passkey or Windows Hello; nothing was sent. Check them with plan, then run apply again with --yes "
                + $"(or --max-changes {deletions}).";
    }

    private static bool Reregisters(UserWork user) => user.Desired?.Methods.Any(m => m.Action == RowAction.Reregister) == true;
}

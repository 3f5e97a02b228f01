using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BulkRegistrar.State;

/// <summary>What went wrong with the state store, as the one sentence the operator reads: what, where, what to do.</summary>
internal sealed record StateProblems(string Path, TimeSpan LockTimeout)
{
    private const int Busy = 5, Locked = 6, ReadOnly = 8, CantOpen = 14, Corrupt = 11, NotADatabase = 26, IoError = 10, Full = 13;

    public RunProblemException From(SqliteException e) => new(Sentence(e));

    /// <summary>At the end of a run: the writes are done and in the audit; only the memory of them is lost.</summary>
    public RunProblemException AtEnd(SqliteException e) =>
        new(Sentence(e) + " The users of this run are not remembered: the next run checks them against Graph; the audit is complete.");

    public static RunProblemException Folder(string folder, Exception e) =>
        new($"The state store's folder '{folder}' cannot be created or written ({Reason(e)}). Make it writable for the account that runs "
            + $"BulkRegistrar, or name another --state (State:Path).");

    public RunProblemException File(Exception e) =>
        new($"The state store '{Path}' cannot be created or opened for writing ({Reason(e)}). Make the file and its folder writable for the account "
            + $"that runs BulkRegistrar, or name another --state (State:Path).");

    public RunProblemException IsAFolder() =>
        new($"The state store '{Path}' is a folder; --state (State:Path) names the store's file, e.g. '{System.IO.Path.Combine(Path, "state.db")}'.");

    private string Sentence(SqliteException e) => e.SqliteErrorCode switch
    {
        Busy or Locked => $"The state store '{Path}' is locked by another process (waited "
            + $"{LockTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s): another run is using it. Let that run finish, raise "
            + $"State:LockTimeout, or give this run a store of its own with --state.",
        ReadOnly or CantOpen => $"The state store '{Path}' cannot be written ({Reason(e)}). Make the file and its folder writable for the account "
            + $"that runs BulkRegistrar (SQLite writes '{System.IO.Path.GetFileName(Path)}-wal' beside it), or name another --state.",
        Full or IoError => $"The state store '{Path}' could not be written ({Reason(e)}); free space on that disk or name another --state.",
        Corrupt or NotADatabase => $"The state store '{Path}' is damaged or not a BulkRegistrar state store ({Reason(e)}). Move it aside to start "
            + $"afresh (the next run then checks every user against Graph).",
        _ => $"The state store '{Path}' cannot be used ({Reason(e)}). Move it aside to start afresh (the next run then checks every user against Graph).",
    };

    // SQLite's own words without Microsoft.Data.Sqlite's "SQLite Error 5: " prefix and quotes: no type names, no codes.
    private static string Reason(Exception e)
    {
        return e is SqliteException s ? (s.Message.Split(": ", 2) is [_, var rest] ? rest : s.Message).Trim('\'', '.', ' ') : IoReason.Of(e);
    }
}

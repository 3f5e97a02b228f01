using Microsoft.Data.Sqlite;

namespace BulkRegistrar.State;

/// <summary>
/// The store's one table, <c>applied_by_target</c>, keyed by (target, user). A store written before it was keyed by
/// target has <c>applied</c> (user only): its rows cannot be attributed to a tenant, so they are dropped rather than
/// let answer for whichever tenant the next run targets — the only cost is that those users are checked against Graph once.
/// </summary>
internal static class StateSchema
{
    /// <summary>PRAGMA user_version of a store keyed by target (a store from before has 0).</summary>
    private const int Version = 2;

    /// <summary>Creates or migrates the schema inside a write transaction, which also proves the store can be written now.</summary>
    /// <returns>How many unattributable rows of the old table were dropped.</returns>
    public static long Migrate(SqliteConnection db)
    {
        using var tx = db.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: takes the write lock (or waits for it) now
        long dropped = 0;
        if (Scalar(db, tx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'applied';") > 0)
        {
            dropped = Scalar(db, tx, "SELECT count(*) FROM applied;");
            Run(db, tx, "DROP TABLE applied;");
        }

        Run(db, tx, "CREATE TABLE IF NOT EXISTS applied_by_target (target TEXT NOT NULL, user TEXT NOT NULL, hash TEXT NOT NULL, applied_at INTEGER "
            + "NOT NULL, PRIMARY KEY (target, user)) WITHOUT ROWID;");
        // A real write on every open: SQLite opens a file it may not write read-only without a word, and an empty
        // transaction would not notice; the run must find that out now, not after its last user.
        Run(db, tx, $"PRAGMA user_version = {Version};");
        tx.Commit();
        return dropped;
    }

    private static long Scalar(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Run(SqliteConnection db, SqliteTransaction tx, string sql)
    {
        using var command = db.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

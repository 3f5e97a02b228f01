using Microsoft.Data.Sqlite;

namespace BulkRegistrar.State;

/// <summary>
/// Per user, the hash of the desired state last applied successfully and when (Unix ms). SQLite rather
/// than a JSON file: a run rewrites only the users it applied (a file would be rewritten whole, 100,000 users
/// for 1,000 changes) and a crash mid-write cannot leave it half-written (docs/benchmarks.md, state store).
/// The whole table is read once at open — 100,000 users are a few MB — so lookups never touch the disk;
/// writes are queued and committed in transactions of a few thousand.
/// </summary>
internal sealed class StateStore : IDisposable
{
    private const int CommitEvery = 2000;
    private readonly SqliteConnection _db;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Hash, long AppliedAtMs)> _known;
    private readonly List<(string User, string Hash, long At)> _pending = [];
    private readonly Lock _gate = new();

    private StateStore(SqliteConnection db, System.Collections.Concurrent.ConcurrentDictionary<string, (string, long)> known)
    {
        _db = db;
        _known = known;
    }

    public int Count => _known.Count;

    public static StateStore Open(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        OwnerOnly.Folder(folder);
        OwnerOnly.File(path);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            Execute(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            Execute(db, "CREATE TABLE IF NOT EXISTS applied (user TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at INTEGER NOT NULL) WITHOUT ROWID;");
            var known = new System.Collections.Concurrent.ConcurrentDictionary<string, (string, long)>(StringComparer.Ordinal);
            using var read = db.CreateCommand();
            read.CommandText = "SELECT user, hash, applied_at FROM applied;";
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                known[rows.GetString(0)] = (rows.GetString(1), rows.GetInt64(2));
            }

            return new StateStore(db, known);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new UsageException($"The state store '{path}' cannot be used ({e.Message.TrimEnd('.')}). Move it aside to start afresh (the next run then checks every user against Graph).");
        }
    }

    public (string Hash, DateTimeOffset AppliedAt)? Find(string user) =>
        _known.TryGetValue(user, out var k) ? (k.Hash, DateTimeOffset.FromUnixTimeMilliseconds(k.AppliedAtMs)) : null;

    public void Record(string user, string hash, DateTimeOffset at)
    {
        _known[user] = (hash, at.ToUnixTimeMilliseconds());
        lock (_gate)
        {
            _pending.Add((user, hash, at.ToUnixTimeMilliseconds()));
            if (_pending.Count >= CommitEvery)
            {
                Commit();
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            Commit();
        }
    }

    public void Dispose()
    {
        Flush();
        _db.Dispose();
    }

    private void Commit()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        using var tx = _db.BeginTransaction();
        using var upsert = _db.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = "INSERT INTO applied (user, hash, applied_at) VALUES ($u, $h, $a) ON CONFLICT(user) DO UPDATE SET hash = excluded.hash, applied_at = excluded.applied_at;";
        var (u, h, a) = (upsert.Parameters.Add("$u", SqliteType.Text), upsert.Parameters.Add("$h", SqliteType.Text), upsert.Parameters.Add("$a", SqliteType.Integer));
        foreach (var (user, hash, at) in _pending)
        {
            (u.Value, h.Value, a.Value) = (user, hash, at);
            upsert.ExecuteNonQuery();
        }

        tx.Commit();
        _pending.Clear();
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

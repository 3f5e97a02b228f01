using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace BulkRegistrar.State;

/// <summary>
/// Per target and user, the hash of the desired state last applied successfully and when (Unix ms). SQLite rather
/// than a JSON file: a run rewrites only the users it applied (a file would be rewritten whole, 100,000 users
/// for 1,000 changes) and a crash mid-write cannot leave it half-written (docs/benchmarks.md, state store).
/// Keyed by target (<see cref="TargetKey"/>): what was applied in one tenant says nothing about another, so a store
/// never answers for a tenant it did not see. The target's rows are read once (<see cref="UseTarget"/>) — 100,000
/// users are a few MB — so lookups never touch the disk; writes are queued and committed in transactions of a few thousand.
/// </summary>
internal sealed class StateStore : IDisposable
{
    /// <summary>summary.json's <c>abortCause</c> when the store could not be written at the end of a run.</summary>
    public const string AbortCause = "stateStore";

    private const int CommitEvery = 2000;
    private readonly SqliteConnection _db;
    private readonly ConcurrentDictionary<string, (string Hash, long AppliedAtMs)> _known = new(StringComparer.Ordinal);
    private readonly List<(string User, string Hash, long At)> _pending = [];
    private readonly Lock _gate = new();
    private readonly StateProblems _problems;
    private string? _target;
    private bool _commitFailed;

    private StateStore(SqliteConnection db, StateProblems problems, long dropped)
    {
        _db = db;
        _problems = problems;
        DroppedUnattributed = dropped;
    }

    public string Path => _problems.Path;

    public int Count => _known.Count;

    /// <summary>Rows of a store from before it was keyed by target, dropped when it was opened: they cannot be attributed to a tenant.</summary>
    public long DroppedUnattributed { get; }

    /// <summary>
    /// Opens (creating it owner-only if needed) and proves the store can be written now — taking its write lock
    /// once, waiting up to <paramref name="lockTimeout"/> for another process — so that a locked, read-only or
    /// damaged store stops the run before anything is read or sent.
    /// </summary>
    /// <exception cref="RunProblemException">The store cannot be used; the sentence says why and what to do.</exception>
    public static StateStore Open(string path, TimeSpan lockTimeout)
    {
        var problems = new StateProblems(System.IO.Path.GetFullPath(path), lockTimeout);
        StateFiles.Prepare(problems);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = problems.Path,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)), // how long a command retries while another process holds the lock
        }.ToString());
        try
        {
            db.Open();
            Execute(db, $"PRAGMA busy_timeout={(long)lockTimeout.TotalMilliseconds}; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            var dropped = StateSchema.Migrate(db);
            return new StateStore(db, problems, dropped);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw problems.From(e);
        }
    }

    /// <summary>Reads what was applied in this target (and forgets the rows of emulator directories that are gone).</summary>
    public void UseTarget(string targetKey)
    {
        try
        {
            if (TargetKey.SupersededPrefix(targetKey) is { } gone)
            {
                // An emulator's earlier directories are gone for good: their rows can never answer again.
                using var forget = _db.CreateCommand();
                forget.CommandText = "DELETE FROM applied_by_target WHERE substr(target, 1, length($kind)) = $kind AND target <> $t;";
                forget.Parameters.AddWithValue("$kind", gone);
                forget.Parameters.AddWithValue("$t", targetKey);
                forget.ExecuteNonQuery();
            }

            using var read = _db.CreateCommand();
            read.CommandText = "SELECT user, hash, applied_at FROM applied_by_target WHERE target = $t;";
            read.Parameters.AddWithValue("$t", targetKey);
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                _known[rows.GetString(0)] = (rows.GetString(1), rows.GetInt64(2));
            }

            _target = targetKey;
        }
        catch (SqliteException e)
        {
            throw _problems.From(e);
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
            if (_pending.Count >= CommitEvery && !_commitFailed)
            {
                try
                {
                    Commit();
                }
                catch (SqliteException)
                {
                    // Kept pending: the end of the run tries once more and, if the store still refuses, says so
                    // (Flush) before summary.json is written. Stopping the users' dispatch for it would help no one.
                    _commitFailed = true;
                }
            }
        }
    }

    /// <summary>Commits every queued user; called before summary.json is written, so a store that refuses shows in the summary and the exit code.</summary>
    /// <exception cref="RunProblemException">The store could not be written; the users of this run are not remembered.</exception>
    public void Flush()
    {
        lock (_gate)
        {
            try
            {
                Commit();
            }
            catch (SqliteException e)
            {
                _commitFailed = true;
                throw _problems.AtEnd(e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_commitFailed)
            {
                try
                {
                    Commit(); // a run that ended by an exception: keep what is known
                }
                catch (SqliteException)
                {
                    // Nothing to tell anyone any more; the next run checks these users against Graph.
                }
            }
        }

        _db.Dispose();
    }

    private void Commit()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var target = _target ?? throw new InvalidOperationException("UseTarget was not called.");
        using var tx = _db.BeginTransaction(deferred: false);
        using var upsert = _db.CreateCommand();
        upsert.Transaction = tx;
        upsert.CommandText = "INSERT INTO applied_by_target (target, user, hash, applied_at) VALUES ($t, $u, $h, $a) ON CONFLICT(target, user) DO "
            + "UPDATE SET hash = excluded.hash, applied_at = excluded.applied_at;";
        upsert.Parameters.AddWithValue("$t", target);
        var (u, h, a) = (upsert.Parameters.Add("$u", SqliteType.Text), upsert.Parameters.Add("$h", SqliteType.Text),
            upsert.Parameters.Add("$a", SqliteType.Integer));
        foreach (var (user, hash, at) in _pending)
        {
            (u.Value, h.Value, a.Value) = (user, hash, at);
            upsert.ExecuteNonQuery();
        }

        tx.Commit();
        _pending.Clear();
    }

    internal static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using BulkRegistrar.State;
using Microsoft.Data.Sqlite;

namespace BulkRegistrar.Tests.State;

public sealed class StateStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("store-").FullName;

    private string DbPath => Path.Combine(_folder, "state.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private StateStore Open(string target, string? path = null)
    {
        var store = StateStore.Open(path ?? DbPath, TimeSpan.FromSeconds(1));
        store.UseTarget(target);
        return store;
    }

    [Fact]
    public void A_user_applied_in_one_tenant_is_unknown_to_the_same_store_for_another_tenant()
    {
        using (var a = Open("tenant|Global|aaaa"))
        {
            a.Record("ada@contoso.com", "h1", At);
        }

        using (var b = Open("tenant|Global|bbbb"))
        {
            Assert.Null(b.Find("ada@contoso.com"));
            Assert.Equal(0, b.Count);
        }

        using var again = Open("tenant|Global|aaaa");
        Assert.Equal("h1", again.Find("ada@contoso.com")?.Hash);
    }

    [Fact]
    public void A_store_from_before_it_was_keyed_by_tenant_is_migrated_and_its_rows_answer_for_no_tenant()
    {
        using (var old = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE applied (user TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at INTEGER NOT NULL) WITHOUT ROWID;"
                + "INSERT INTO applied VALUES ('ada@contoso.com', 'h1', 0), ('bob@contoso.com', 'h2', 0);";
            create.ExecuteNonQuery();
        }

        using var store = StateStore.Open(DbPath, TimeSpan.FromSeconds(1));
        store.UseTarget("tenant|Global|aaaa");

        Assert.Equal(2, store.DroppedUnattributed);
        Assert.Null(store.Find("ada@contoso.com"));
        store.Record("ada@contoso.com", "h3", At);
        store.Flush();
    }

    [Fact]
    public void Each_start_of_the_built_in_emulator_is_a_tenant_of_its_own_and_the_rows_of_earlier_ones_are_forgotten()
    {
        var target = new BulkRegistrar.Graph.GraphTarget("emulator", "built-in", "https://127.0.0.1:5000/v1.0", null!, [], null);
        var first = TargetKey.Of(target);
        using (var a = Open(first))
        {
            a.Record("ada@contoso.com", "h1", At);
        }

        var second = TargetKey.Of(target);
        Assert.NotEqual(first, second);
        using (Open(second))
        {
        }

        using var conn = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        conn.Open();
        using var count = conn.CreateCommand();
        count.CommandText = "SELECT count(*) FROM applied_by_target;";
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void A_store_another_process_holds_the_write_lock_of_is_one_sentence_after_the_lock_timeout()
    {
        using (Open("tenant|Global|aaaa"))
        {
        }

        using var other = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);
        using (var write = other.CreateCommand())
        {
            write.Transaction = hold;
            write.CommandText = "INSERT INTO applied_by_target VALUES ('t', 'u', 'h', 0);";
            write.ExecuteNonQuery();
        }

        var e = Assert.Throws<RunProblemException>(() => StateStore.Open(DbPath, TimeSpan.FromSeconds(1)));

        Assert.Equal($"The state store '{DbPath}' is locked by another process (waited 1 s): another run is using it. Let that run finish, raise "
            + $"State:LockTimeout, or give this run a store of its own with --state.", e.Message);
    }

    [Fact]
    public void A_lock_taken_after_the_store_opened_is_one_sentence_when_the_run_saves_and_the_store_still_closes()
    {
        var store = Open("tenant|Global|aaaa");
        store.Record("ada@contoso.com", "h1", At);
        using var other = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);

        var e = Assert.Throws<RunProblemException>(store.Flush);

        Assert.StartsWith($"The state store '{DbPath}' is locked by another process", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("The users of this run are not remembered: the next run checks them against Graph; the audit is complete.", e.Message,
            StringComparison.Ordinal);
        store.Dispose(); // must not wait or throw a second time
    }

    [Fact]
    public void A_damaged_store_is_one_sentence_that_says_to_move_it_aside()
    {
        File.WriteAllText(DbPath, "this is not a database, it is a note someone saved over it");

        var e = Assert.Throws<RunProblemException>(() => StateStore.Open(DbPath, TimeSpan.FromSeconds(1)));

        Assert.Equal($"The state store '{DbPath}' is damaged or not a BulkRegistrar state store (file is not a database). Move it aside to start "
            + $"afresh (the next run then checks every user against Graph).", e.Message);
    }

    [Fact]
    public void A_state_path_that_is_a_folder_is_one_sentence()
    {
        Directory.CreateDirectory(DbPath);

        var e = Assert.Throws<RunProblemException>(() => StateStore.Open(DbPath, TimeSpan.FromSeconds(1)));

        Assert.Equal($"The state store '{DbPath}' is a folder; --state (State:Path) names the store's file, e.g. '{Path.Combine(DbPath, "state.db")}'.",
            e.Message);
    }

    [Fact]
    public void A_read_only_store_file_is_one_sentence_before_anything_is_recorded()
    {
        using (Open("tenant|Global|aaaa"))
        {
        }

        using var immutable = ReadOnlyMount.Immutable(DbPath);

        var e = Assert.Throws<RunProblemException>(() => StateStore.Open(DbPath, TimeSpan.FromSeconds(1)));

        Assert.StartsWith($"The state store '{DbPath}' cannot be written (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_in_a_read_only_folder_is_one_sentence()
    {
        using var folder = ReadOnlyMount.Create();
        var path = Path.Combine(folder.Path, "state.db");

        var e = Assert.Throws<RunProblemException>(() => StateStore.Open(path, TimeSpan.FromSeconds(1)));

        Assert.StartsWith($"The state store '{path}' cannot be created or opened for writing (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_store_whose_folder_turned_read_only_is_one_sentence()
    {
        using var folder = ReadOnlyMount.Create(f =>
        {
            using var store = Open("tenant|Global|aaaa", Path.Combine(f, "state.db"));
            store.Record("ada@contoso.com", "h1", At);
        });
        var path = Path.Combine(folder.Path, "state.db");

        var e = Assert.Throws<RunProblemException>(() => StateStore.Open(path, TimeSpan.FromSeconds(1)));

        Assert.StartsWith($"The state store '{path}' cannot be written (", e.Message, StringComparison.Ordinal);
        Assert.Contains("Make the file and its folder writable", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_store_in_an_existing_0755_folder_leaves_that_folder_as_it_was_and_the_store_owner_only()
    {
        var shared = Path.Combine(_folder, "shared");
        Directory.CreateDirectory(shared);
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(shared, open);

        using (Open("tenant|Global|aaaa", Path.Combine(shared, "state.db")))
        {
        }

        Assert.Equal(open, File.GetUnixFileMode(shared));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(shared, "state.db")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_missing_store_folder_is_created_owner_only()
    {
        var path = Path.Combine(_folder, "new", "state.db");

        using (Open("tenant|Global|aaaa", path))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }
}

using BulkRegistrar.Audit;
using BulkRegistrar.Planning;
using BulkRegistrar.State;
using BulkRegistrar.Validation;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.State;

public sealed class IncrementalStateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("state-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static UserWork User(string mobile, string user = "ada@contoso.com") =>
        new(new DesiredState(user, [new DesiredMethod(MethodKind.Mobile, RowAction.Register, mobile, 2, mobile)]), [], []);

    private static readonly AuditRecord[] Created = [new(2, "ada@contoso.com", MethodKind.Mobile, "+44 7400100001", "+44 7400100001", Outcome.Created)];

    private static StateStore Store(string path)
    {
        var store = StateStore.Open(path, TimeSpan.FromSeconds(5));
        store.UseTarget("tenant|Global|contoso");
        return store;
    }

    private IncrementalState Open(StateStore store, bool full = false) => new(store, full, record: true, TimeSpan.FromDays(7), ConflictPolicy.Skip, _time);

    [Fact]
    public void A_user_applied_successfully_is_unchanged_on_the_next_run_and_survives_reopening_the_store()
    {
        using (var store = Store(Path.Combine(_folder, "s.db")))
        {
            Open(store).Recorded(User("+44 7400100001"), Created);
        }

        using var reopened = Store(Path.Combine(_folder, "s.db"));
        var records = Open(reopened).Unchanged(User("+44 7400100001"));

        Assert.NotNull(records);
        Assert.Equal(("Unchanged", "UnchangedSinceLastRun"), (records.Single().Outcome.ToString(), records.Single().Error));
        Assert.Contains("2026-03-01 02:00 UTC", records.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_number_a_failed_write_full_and_an_old_state_each_send_the_user_to_graph()
    {
        using var store = Store(Path.Combine(_folder, "s.db"));
        var state = Open(store);
        state.Recorded(User("+44 7400100001"), Created);
        state.Recorded(User("+44 7400100002", "bob@contoso.com"), [new(3, "bob@contoso.com", MethodKind.Mobile, "x", "x", Outcome.Failed)]);

        Assert.Null(state.Unchanged(User("+44 7400100009")));
        Assert.Null(state.Unchanged(User("+44 7400100002", "bob@contoso.com")));
        Assert.Null(Open(store, full: true).Unchanged(User("+44 7400100001")));
        _time.Advance(TimeSpan.FromDays(6.9));
        Assert.NotNull(state.Unchanged(User("+44 7400100001")));
        _time.Advance(TimeSpan.FromDays(0.1));
        Assert.Null(state.Unchanged(User("+44 7400100001")));
    }

    [Fact]
    public void The_hash_ignores_row_order_and_user_case_but_not_the_conflict_policy()
    {
        using var store = Store(Path.Combine(_folder, "s.db"));
        var both = new DesiredState("Ada@Contoso.com", [
            new DesiredMethod(MethodKind.Office, RowAction.Register, "+44 2079400001", 3, null),
            new DesiredMethod(MethodKind.Mobile, RowAction.Register, "+44 7400100001", 2, null)]);
        var reversed = both with { User = "ada@contoso.com", Methods = [.. both.Methods.Reverse()] };

        Assert.Equal(Open(store).Hash(both), Open(store).Hash(reversed));
        Assert.NotEqual(Open(store).Hash(both), new IncrementalState(store, false, true, TimeSpan.FromDays(7), ConflictPolicy.Update, _time).Hash(both));
    }
}

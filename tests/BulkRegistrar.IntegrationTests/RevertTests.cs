using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using BulkRegistrar.Methods.Phones;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public sealed class RevertTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;
    private readonly DirectorySeed _seed = EmulatorFixture.SampleSeed();

    public RevertTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Revert_restores_the_seed_except_a_method_changed_after_the_run_which_is_a_conflict()
    {
        var seed = Directory();
        // Creates (amelia: mobile, office, SMS on), updates (grace's mobile, james's e-mail), an SMS toggle
        // (james off) and a removal (lukas's mobile).
        var change = _cli.WriteCsv("""
            upn,mobile,office,email,smsSignIn,action
            amelia.hughes@contoso.com,+44 7400 223344,+44 20 7946 0018,,true,
            grace.kelly@contoso.com,+44 7400 654321,,,,
            james.garcia@contoso.com,+1 4255550100,,james.new@outlook.example,false,
            lukas.fischer@contoso.com,+49 15123456789,,,,remove
            """);
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", change, "--on-conflict", "update"));
        var applied = _cli.RunFolder;
        var outcomes = _cli.Audit().Select(r => (r.Line(), r.Method(), r.Outcome())).ToList();
        Assert.Contains((2, "mobile", "Created"), outcomes);
        Assert.Contains((3, "mobile", "Updated"), outcomes);
        Assert.Contains((4, "smsSignIn", "Updated"), outcomes);
        Assert.Contains((5, "mobile", "Deleted"), outcomes);
        // As Graph returned it: the strict emulator may have stored the seed's number in another form.
        Assert.True(SameNumber.Equal("+44 7400111000", _cli.Audit().Single(r => r.Line() == 3).GetProperty("previous").GetString()!));

        // Someone changes amelia's office after the run.
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", _cli.WriteCsv("upn,office\namelia.hughes@contoso.com,+44 20 7946 "
            + "0999\n"), "--on-conflict", "update"));
        var afterRun = Directory();

        // --plan says what it would do and writes nothing.
        var writes = _fixture.Emulator.GetStats().WritesApplied;
        Assert.Equal(ExitCodes.RowsNeedAttention, await Revert(applied, "--plan"));
        Assert.Equal(writes, _fixture.Emulator.GetStats().WritesApplied);
        Assert.Equal(Flatten(afterRun), Flatten(Directory()));
        var planned = _cli.Audit().ToDictionary(r => (r.Line(), r.Method()), r => r.Outcome());
        Assert.Equal("WouldDelete", planned[(2, "mobile")]);
        Assert.Equal("WouldUpdate", planned[(3, "mobile")]);
        Assert.Equal("Conflict", planned[(2, "office")]);

        Assert.Equal(ExitCodes.RowsNeedAttention, await Revert(applied));

        var records = _cli.Audit();
        var conflict = Assert.Single(records, r => r.Outcome() == "Conflict");
        Assert.Equal((2, "office"), (conflict.Line(), conflict.Method()));
        Assert.All(records.Where(r => r.Outcome() != "Conflict"), r => Assert.True(r.Outcome() is "Deleted" or "Updated" or "Created", $"{r.Line()} "
            + $"{r.Method()} {r.Outcome()} {r.Error()}"));
        var now = Directory();
        var expected = seed.ToDictionary(u => u.Key, u => u.Value);
        expected["amelia.hughes@contoso.com"] = ([("office", "+44 2079460999", "notSupported")], null);
        Assert.Equal(Flatten(expected), Flatten(now));
        Assert.True(File.Exists(Path.Combine(_cli.RunFolder, "report.html")));
    }

    [Fact]
    public async Task Reverting_a_run_twice_finds_everything_already_as_before_and_sends_no_write()
    {
        var seed = Directory();
        // Every kind of change a run can make: phones created with SMS sign-in enabled (amelia), a created
        // e-mail (louis), updated numbers (grace's mobile, james's office), an updated e-mail and SMS sign-in
        // disabled (james), a removed phone (lukas).
        var change = _cli.WriteCsv("""
            upn,mobile,office,email,smsSignIn,action
            amelia.hughes@contoso.com,+44 7400 223344,+44 20 7946 0018,,true,
            louis.durand@contoso.com,,,louis.durand@outlook.example,,
            grace.kelly@contoso.com,+44 7400 654321,,,,
            james.garcia@contoso.com,+1 4255550100,+1 4255550123,james.new@outlook.example,false,
            lukas.fischer@contoso.com,+49 15123456789,,,,remove
            """);
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", change, "--on-conflict", "update"));
        var applied = _cli.RunFolder;
        var changed = _cli.Audit().Where(r => r.Outcome() is "Created" or "Updated" or "Deleted").Select(r => (r.Line(), r.Method())).ToHashSet();
        Assert.Superset(new HashSet<(int, string)> { (2, "mobile"), (2, "smsSignIn"), (3, "email"), (4, "mobile"), (5, "office"), (5, "email"),
            (5, "smsSignIn"), (6, "mobile") }, changed);

        Assert.Equal(ExitCodes.Success, await Revert(applied));
        Assert.Equal(Flatten(seed), Flatten(Directory()));

        // The second revert comes once the first one's writes are visible to reads (strict's read-after-write lag):
        // run at once, a read may still show a method the first revert removed, as Graph's replication lag can.
        await StrictEmulatorFixture.WaitOutReadLagAsync();
        var before = _fixture.Emulator.GetStats();
        var exit = await Revert(applied);

        var after = _fixture.Emulator.GetStats();
        Assert.Equal(before.WritesApplied, after.WritesApplied);
        Assert.Equal(Writes(before), Writes(after)); // none sent, not only none applied
        var records = _cli.Audit();
        Assert.Equal(changed, records.Select(r => (r.Line(), r.Method())).ToHashSet());
        Assert.All(records, r => Assert.True(r.Outcome() == "Unchanged", $"{r.Line()} {r.Method()} {r.Outcome()} {r.Error()}"));
        Assert.All(records, r => Assert.Contains("already as before the run", r.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(Flatten(seed), Flatten(Directory()));
    }

    /// <summary>Requests that would change the tenant, by route, whatever Graph answered.</summary>
    private static long Writes(GraphEmulator.EmulatorStatsSnapshot stats) =>
        stats.RequestsByRoute.Where(r => !r.Key.StartsWith("GET ", StringComparison.Ordinal) && r.Key != "POST $batch").Sum(r => r.Value.Values.Sum());

    private Task<int> Revert(string runFolder, params string[] more) => _cli.Run("revert", runFolder, more);

    private Dictionary<string, (List<(string Type, string Number, string Sms)> Phones, string? Email)> Directory() =>
        _seed.Users.ToDictionary(u => u.UserPrincipalName, u =>
        {
            var s = _fixture.Emulator.GetUserState(u.Id)!;
            return (s.PhoneMethods.Select(p => (p.PhoneType, p.PhoneNumber, p.SmsSignInState)).ToList(), s.EmailAddress);
        });

    private static List<string> Flatten(Dictionary<string, (List<(string Type, string Number, string Sms)> Phones, string? Email)> d) =>
        [.. d.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}: {string.Join(" ", u.Value.Phones.Order())} {u.Value.Email}")];
}

using System.Text.Json;
using BulkRegistrar.Audit;
using GraphEmulator;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// reregister end to end against the strict emulator, seeded with samples/directory-policies.json (maya holds every method type,
/// nora an Authenticator and a passkey, ines a software OATH token, pending a phone only): what is deleted, what --keep leaves, the
/// sessions revoked, the --yes guard sending nothing, plan's list, and what revert gives back.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ReregisterTests : IDisposable
{
    private const string Revoke = "POST users/{id}/revokeSignInSessions";
    private const string Maya = "maya.everything@contoso.com";
    private const string Nora = "nora.patel@contoso.com";
    private const string Ines = "ines.oath@contoso.com";
    private const string Pending = "pending.phoneonly@contoso.com";

    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public ReregisterTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        var seed = DirectorySeed.Load(Samples.PathOf("directory-policies.json"));
        foreach (var token in seed.HardwareOathDevices ?? [])
        {
            token.AssignTo = null; // hardware OATH is removed under /beta only (its own test below keeps maya's)
        }

        _fixture.Emulator.Reseed(seed);
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _cli.Dispose();
    }

    [Fact]
    public async Task Reregister_of_users_holding_every_method_type_leaves_only_the_password_and_revokes_their_sessions()
    {
        var csv = _cli.WriteCsv($"upn,action\n{Maya},reregister\n{Nora},reregister\n{Ines},Reregister\n{Pending},re-register\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--yes"));

        foreach (var upn in new[] { Maya, Nora, Ines, Pending })
        {
            var user = _fixture.Emulator.GetUserState(upn)!;
            Assert.Empty(user.PhoneMethods);
            Assert.Null(user.EmailAddress);
            Assert.Null(user.TemporaryAccessPass);
            Assert.Empty(user.OtherMethods ?? []);
            Assert.Null(user.QrCodePin);
            Assert.Equal(1, user.SessionsRevoked);
        }

        var stats = _fixture.Emulator.GetStats();
        Assert.Equal(4, stats.WritesAppliedByRoute[Revoke]);
        Assert.Equal(4, stats.Events["signInSessionsRevoked"]);
        foreach (var (kind, count) in new[] { ("microsoftAuthenticator", 2), ("fido2", 2), ("windowsHelloForBusiness", 1), ("softwareOath", 2),
            ("platformCredential", 1), ("external", 1), ("qrCodePin", 1), ("temporaryAccessPass", 1), ("email", 1) })
        {
            Assert.Equal(count, stats.Events["methodDeleted:" + kind]);
        }

        var audit = _cli.Audit();
        var deleted = audit.Where(r => r.Method() == "reregister").ToList();
        Assert.All(deleted, r => Assert.Equal("Deleted", r.Outcome()));
        Assert.Equal(stats.WritesApplied - 4, deleted.Count); // one record per deletion, each a write of its own
        Assert.Equal(4, audit.Count(r => r.Method() == "signInSessions" && r.Outcome() == "Updated"));
        var mayaMobile = deleted.Single(r => r.GetProperty("user").GetString() == Maya
            && Normalized(r).StartsWith("phoneMethods/3179e48a", StringComparison.Ordinal));
        Assert.Equal("+447700900123", mayaMobile.GetProperty("previous").GetString()!.Replace(" ", "", StringComparison.Ordinal)); // revert's value
        Assert.Equal("Work key", deleted.Single(r => Normalized(r).StartsWith("fido2Methods/270091bd", StringComparison.Ordinal))
            .GetProperty("previous").GetString());
        Assert.DoesNotContain("7700900123", _cli.Console.Output, StringComparison.Ordinal); // numbers masked on the console
    }

    [Fact]
    public async Task Keep_leaves_the_named_types_and_deletes_the_rest()
    {
        var csv = _cli.WriteCsv($"upn,action\n{Maya},reregister\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--keep", "passkey,mobile,microsoftAuthenticator"));

        var maya = _fixture.Emulator.GetUserState(Maya)!;
        Assert.Equal(["mobile"], maya.PhoneMethods.Select(p => p.PhoneType));
        Assert.Equal(["fido2", "microsoftAuthenticator"], (maya.OtherMethods ?? []).Select(m => m.Kind).Order(StringComparer.Ordinal));
        Assert.Null(maya.EmailAddress);
        Assert.Null(maya.QrCodePin);
        Assert.Equal(1, maya.SessionsRevoked);
        Assert.DoesNotContain(_cli.Audit(), r => Normalized(r).StartsWith("fido2Methods", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_yes_a_run_over_the_threshold_stops_before_any_write_with_one_sentence()
    {
        var csv = _cli.WriteCsv($"upn,action\n{Maya},reregister\n{Nora},reregister\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("apply", csv));

        var stats = _fixture.Emulator.GetStats();
        Assert.Equal(0, stats.WritesApplied);
        Assert.False(stats.WritesAppliedByRoute.ContainsKey(Revoke));
        Assert.Equal(0, _fixture.Emulator.GetUserState(Maya)!.SessionsRevoked);
        var summary = _cli.Summary();
        Assert.Equal("reregisterNotConfirmed", summary.GetProperty("abortCause").GetString());
        var reason = summary.GetProperty("abortReason").GetString()!;
        Assert.Contains("would delete 13 authentication methods of 2 users", reason, StringComparison.Ordinal);
        Assert.Contains("--yes", reason, StringComparison.Ordinal);
        Assert.Contains(reason, _cli.Console.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "bulkregistrar-reregister-*"),
            d => Directory.GetLastWriteTimeUtc(d) > DateTime.UtcNow.AddMinutes(-1)); // the count's scratch audit is gone

        // A --max-changes that covers the deletions is the same confirmation.
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--max-changes", "15"));
        Assert.Equal(2, _fixture.Emulator.GetStats().WritesAppliedByRoute[Revoke]);
    }

    [Fact]
    public async Task Plan_lists_each_deletion_says_what_revert_cannot_restore_and_exits_as_for_changes()
    {
        var csv = _cli.WriteCsv($"upn,action\n{Nora},reregister\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("plan", csv));

        var audit = _cli.Audit();
        var wouldDelete = audit.Where(r => r.Outcome() == "WouldDelete").Select(r => r.GetProperty("message").GetString()!).ToList();
        Assert.Equal(2, wouldDelete.Count);
        Assert.Contains(wouldDelete, m => m.StartsWith("Would delete the user's passkey (FIDO2) (YubiKey 5). Revert cannot restore it",
            StringComparison.Ordinal));
        Assert.Contains(wouldDelete, m => m.StartsWith("Would delete the user's Microsoft Authenticator (Nora iPhone).", StringComparison.Ordinal));
        Assert.Equal("WouldUpdate", audit.Single(r => r.Method() == "signInSessions").Outcome());
        Assert.Contains("reregister: 2 method(s) would be deleted. Revert can register deleted phones and e-mail again",
            _cli.Console.Output.ReplaceLineEndings(""),
            StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task Revert_of_a_reregister_run_registers_phones_and_email_again_and_names_what_it_cannot_restore()
    {
        var csv = _cli.WriteCsv($"upn,action\n{Maya},reregister\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--yes"));
        var run = _cli.RunFolder;
        await StrictEmulatorFixture.WaitOutReadLagAsync();

        var reverted = await _cli.Run("revert", run);
        Assert.Equal(ExitCodes.RowsNeedAttention, reverted);

        var maya = _fixture.Emulator.GetUserState(Maya)!;
        Assert.Equal(["mobile", "office"], maya.PhoneMethods.Select(p => p.PhoneType).Order(StringComparer.Ordinal));
        Assert.Equal("+44 7700900123", maya.PhoneMethods.Single(p => p.PhoneType == "mobile").PhoneNumber); // Graph's form, as created
        Assert.Equal("maya.recovery@outlook.example", maya.EmailAddress);
        Assert.Empty(maya.OtherMethods ?? []);
        var audit = _cli.Audit();
        Assert.Equal(3, audit.Count(r => r.Outcome() == "Created"));
        var refused = audit.Where(r => r.Error() == "NotRestorable").Select(r => r.GetProperty("message").GetString()!).ToList();
        Assert.Equal(9, refused.Count); // 7 of the user's own methods and the pass, and the sessions
        Assert.Contains(refused, m => m.Contains("passkey (FIDO2) cannot be created again by an admin", StringComparison.Ordinal));
        Assert.Contains(refused, m => m.Contains("revoked sessions cannot be given back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hardware_oath_token_is_left_and_said_so_and_the_default_method_it_keeps_is_explained()
    {
        _fixture.Emulator.Reseed(DirectorySeed.Load(Samples.PathOf("directory-policies.json")));
        _fixture.Reset();
        var csv = _cli.WriteCsv($"upn,action\n{Maya},reregister\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv, "--yes"));

        var records = _cli.Audit().Where(r => r.Outcome() != "Deleted").ToList();
        Assert.Contains(records, r => r.Error() == "MethodNotRemovable" && Normalized(r).StartsWith("hardwareOath/", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Error() == "MethodNotRemovable" && Normalized(r).StartsWith("microsoftAuthenticatorMethods/", StringComparison.Ordinal)
            && r.GetProperty("message").GetString()!.Contains("default method", StringComparison.Ordinal));
        Assert.Equal(1, _fixture.Emulator.GetUserState(Maya)!.SessionsRevoked); // the sessions go whatever the deletions came to
    }

    [Fact]
    public async Task With_beta_a_hardware_oath_token_is_deleted_at_its_beta_path_and_back_in_the_inventory()
    {
        _fixture.Emulator.Reseed(DirectorySeed.Load(Samples.PathOf("directory-policies.json")));
        _fixture.Reset();
        var mayaId = _fixture.Emulator.GetUserState(Maya)!.Id;
        Assert.Contains(_fixture.Emulator.GetHardwareOathDevices(), d => d.AssignedToUserId == mayaId);
        var csv = _cli.WriteCsv($"upn,action\n{Maya},reregister\n");

        await _cli.Run("apply", csv, "--yes", "--beta");

        var token = Assert.Single(_cli.Audit(), r => Normalized(r).StartsWith("hardwareOath/", StringComparison.Ordinal));
        Assert.True(token.Outcome() == "Deleted", token.ToString());
        Assert.DoesNotContain(_fixture.Emulator.GetHardwareOathDevices(), d => d.AssignedToUserId == mayaId);
    }

    private static string Normalized(JsonElement r) => r.GetProperty("normalized").ValueKind == JsonValueKind.String
        ? r.GetProperty("normalized").GetString()! : "";
}

using System.Text;
using System.Text.Json.Nodes;
using BulkRegistrar.Audit;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Hardware OATH tokens (beta) end to end against the strict emulator, seeded with samples/directory-policies.json plus fifty users in the
/// hardware token group: the portal's upload file imported, assigned and activated, a rerun that changes nothing, a serial another user
/// holds, the secret keys in no file the tool wrote nor on the console; --oath-no-activate, export and revert.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class HardwareOathTests : IDisposable
{
    private const string TokenGroup = "3b612f93-0e77-51f5-9703-5da9fe7d304f"; // "Hardware token users", the hardwareOath policy's target
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;
    private readonly List<(string Serial, string Secret, string Interval, string Hash)> _seeded;

    public HardwareOathTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliApply(fixture);
        var seed = JsonNode.Parse(File.ReadAllText(Samples.PathOf("directory-policies.json")))!;
        var users = seed["users"]!.AsArray();
        for (var n = 1; n <= 50; n++)
        {
            users.Add(new JsonObject
            {
                ["id"] = $"00000000-0000-4000-8000-{n:D12}", ["userPrincipalName"] = User(n), ["displayName"] = $"Token User {n}",
                ["usageLocation"] = "GB", ["groups"] = new JsonArray(TokenGroup),
            });
        }

        _seeded = [.. seed["hardwareOathDevices"]!.AsArray().Select(d => ((string)d!["serialNumber"]!, (string)d["secretKey"]!,
            ((int)d["timeIntervalInSeconds"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), (string)d["hashFunction"]!))];
        var path = Path.Combine(_cli.Folder, "seed.json");
        File.WriteAllText(path, seed.ToJsonString());
        _fixture.Emulator.Reseed(DirectorySeed.Load(path));
        _fixture.Reset();
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _cli.Dispose();
    }

    [Fact]
    public async Task A_portal_file_of_50_tokens_is_assigned_and_activated_a_rerun_changes_nothing_and_no_key_is_in_any_file_the_tool_wrote()
    {
        // HW-0001 is ines's already; HW-0002 is maya's (a Conflict for user 2); HW-0003…HW-0020 wait in the inventory; HW-0021…HW-0050 are new.
        var tokens = Enumerable.Range(1, 50).Select(n => n <= 20
            ? (User: n == 1 ? "ines.oath@contoso.com" : User(n), Token: _seeded.Single(t => t.Serial == $"HW-{n:D4}"))
            : (User: User(n), Token: (Serial: $"HW-{n:D4}", Secret: NewSecret(n), Interval: n % 2 == 0 ? "60" : "30", Hash: "hmacsha1"))).ToList();
        var csv = new StringBuilder("upn,serial number,secret key,time interval,manufacturer,model\n");
        foreach (var (user, t) in tokens)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{user},{t.Serial},{t.Secret},{t.Interval},Contoso,Hardware Token 1000\n");
        }

        var file = _cli.WriteCsv(csv.ToString());
        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", file, "--beta")); // the Conflict needs a look

        var records = _cli.Audit().ToDictionary(r => r.Line());
        Assert.Equal(50, records.Count);
        Assert.All(records.Values, r => Assert.Equal("hardwareOath", r.Method()));
        Assert.Equal(("Unchanged", "HW-0001"), (records[2].Outcome(), records[2].GetProperty("input").GetString()));
        Assert.Equal(("Conflict", "OathTokenAssignedElsewhere"), (records[3].Outcome(), records[3].Error()));
        Assert.All(Enumerable.Range(4, 48), line => Assert.Equal("Created", records[line].Outcome()));
        Assert.All(records, r => Assert.Equal(tokens[r.Key - 2].Token.Serial, r.Value.GetProperty("input").GetString()));

        var devices = _fixture.Emulator.GetHardwareOathDevices().ToDictionary(d => d.SerialNumber);
        Assert.Equal(50, devices.Count(d => d.Key.StartsWith("HW-", StringComparison.Ordinal)));
        Assert.All(Enumerable.Range(3, 48), n =>
            Assert.Equal(("activated", UserId(n)), (devices[$"HW-{n:D4}"].Status, devices[$"HW-{n:D4}"].AssignedToUserId)));
        Assert.NotEqual(UserId(2), devices["HW-0002"].AssignedToUserId);
        var stats = _fixture.Emulator.GetStats();
        Assert.Equal(48, stats.Events["hardwareOathActivated"]);
        Assert.Equal(30, stats.Events["hardwareOathDeviceCreated"]);
        Assert.Contains("beta endpoints", _cli.Console.Output, StringComparison.Ordinal);
        Assert.Contains("beta", _cli.Summary().GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        AssertNoSecret(tokens.Select(t => t.Token.Secret));

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", file, "--beta"));

        Assert.Equal(stats.WritesApplied, _fixture.Emulator.GetStats().WritesApplied);
        Assert.Equal(49, _cli.Audit().Count(r => r.Outcome() == "Unchanged"));
        Assert.Equal("Conflict", _cli.Audit().Single(r => r.Line() == 3).Outcome());
        AssertNoSecret(tokens.Select(t => t.Token.Secret));

        // status: an activated token is a strong method (read from v1.0's methods list, where Graph shows it too).
        Assert.Equal(ExitCodes.Success, await _cli.Run("status", _cli.WriteCsv($"upn\n{User(3)}\n{User(50)}\n")));
        Assert.All(_cli.Audit(), r => Assert.Equal(("Complete", "hardwareOath"), (r.Outcome(), r.GetProperty("normalized").GetString())));
    }

    [Fact]
    public async Task Without_beta_the_portal_file_is_refused_in_one_sentence_naming_the_flag_and_nothing_is_sent()
    {
        var file = _cli.WriteCsv($"upn,serial number,secret key\n{User(3)},HW-0003,{_seeded[2].Secret}\n");

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("apply", file));

        var console = string.Join(' ', _cli.Console.Output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("run again with --beta to import it", console, StringComparison.Ordinal);
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
        AssertNoSecret([_seeded[2].Secret]);
    }

    [Fact]
    public async Task Tokens_left_unactivated_are_activated_by_a_later_run_exported_by_serial_and_unassigned_by_revert()
    {
        var file = _cli.WriteCsv($"upn,OathSerial,OathSecret,OathTimeInterval\n{User(3)},HW-0003,{_seeded[2].Secret},{_seeded[2].Interval}\n"
            + $"{User(4)},HW-0090,{NewSecret(90)},30\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("plan", file, "--beta", "--oath-no-activate"));
        Assert.All(_cli.Audit(), r => Assert.Equal("WouldCreate", r.Outcome()));
        Assert.StartsWith("Would assign the hardware OATH token HW-0003", _cli.Audit().Single(r => r.Line() == 2).GetProperty("message").GetString(),
            StringComparison.Ordinal); // records come in the order users finish, not line order
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", file, "--beta", "--oath-no-activate"));
        Assert.Equal(["assigned", "assigned"], Devices("HW-0003", "HW-0090").Select(d => d.Status));

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", file, "--beta"));
        Assert.All(_cli.Audit(), r => Assert.Equal("Updated", r.Outcome()));
        Assert.Equal(2, _cli.Audit().Count);
        Assert.Equal(["activated", "activated"], Devices("HW-0003", "HW-0090").Select(d => d.Status));

        var users = _cli.WriteCsv($"upn\n{User(3)}\n{User(4)}\n");
        Assert.Equal(ExitCodes.Success, await _cli.Run("export", users, "--beta"));
        Assert.Equal([$"{User(3)},HW-0003", $"{User(4)},HW-0090"],
            File.ReadAllLines(_cli.RunFolder).Skip(1).Select(l => l.Split(',')[0] + "," + l.Split(',')[^1]));

        var first = Path.Combine(_cli.Folder, "run-2");
        Assert.Equal(ExitCodes.Success, await _cli.Run("revert", first));
        Assert.All(_cli.Audit(), r => Assert.Equal("Deleted", r.Outcome()));
        Assert.Equal(2, _cli.Audit().Count);
        Assert.All(Devices("HW-0003", "HW-0090"), d => Assert.Equal(("available", null), (d.Status, d.AssignedToUserId)));
    }

    private IEnumerable<GraphEmulator.EmulatorOathDeviceState> Devices(params string[] serials) =>
        serials.Select(s => _fixture.Emulator.GetHardwareOathDevices().Single(d => d.SerialNumber == s));

    /// <summary>Every file under the test's folder but the input files themselves, and the console: no key, in any case or spacing.</summary>
    private void AssertNoSecret(IEnumerable<string> secrets)
    {
        var keys = secrets.Select(s => s.ToUpperInvariant()).ToList();
        var written = Directory.EnumerateFiles(_cli.Folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith("input-", StringComparison.Ordinal) && Path.GetFileName(f) != "seed.json").ToList();
        Assert.NotEmpty(written);
        foreach (var text in written.Select(f => File.ReadAllText(f).ToUpperInvariant()).Append(_cli.Console.Output.ToUpperInvariant()))
        {
            Assert.DoesNotContain(keys, k => text.Contains(k, StringComparison.Ordinal) || text.Contains(k[..16], StringComparison.Ordinal));
        }
    }

    private static string User(int n) => $"token.user{n:D2}@contoso.com";

    private static string UserId(int n) => $"00000000-0000-4000-8000-{n:D12}";

    /// <summary>A base32 key of 256 bits, different per token.</summary>
    private static string NewSecret(int n) =>
        OtpNet.Base32Encoding.ToString(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes($"token-{n}")));
}

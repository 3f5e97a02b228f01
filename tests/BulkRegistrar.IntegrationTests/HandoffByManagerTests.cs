using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BulkRegistrar.Audit;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// --handoff-by manager and --handoff-recipient end to end against the strict emulator: each pass in exactly one file, its
/// manager's; encrypted files that openssl opens; no plain pass on the disk anywhere.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class HandoffByManagerTests : IDisposable
{
    private const string Oliver = "oliver.brown@contoso.com";
    private const string James = "james.garcia@contoso.com";
    private static readonly Dictionary<string, string?> ManagerOf = new()
    {
        ["louis.durand@contoso.com"] = Oliver,
        ["jack.campbell@contoso.com"] = Oliver,
        ["miguel.souza@contoso.com"] = James,
        ["aarav.reddy@contoso.com"] = null,
    };

    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;
    private readonly DateTime _started = DateTime.UtcNow;

    public HandoffByManagerTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        var seed = EmulatorFixture.SampleSeed();
        foreach (var user in seed.Users.Where(u => ManagerOf.ContainsKey(u.UserPrincipalName)))
        {
            user.Manager = ManagerOf[user.UserPrincipalName];
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

    private string Csv() => _cli.WriteCsv("upn,IssueTap\n" + string.Concat(ManagerOf.Keys.Select(u => $"{u},true\n")));

    [Fact]
    public async Task Each_pass_is_in_exactly_one_owner_only_file_its_managers_and_a_user_without_a_manager_in_no_manager()
    {
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", Csv(), "--handoff-by", "manager"));

        Assert.All(_cli.Audit(), r => Assert.Equal("Created", r.Outcome()));
        var folder = Path.Combine(_cli.RunFolder, "handoff");
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["james.garcia@contoso.com.csv", "no-manager.csv", "oliver.brown@contoso.com.csv"], files);
        var passes = new List<string>();
        foreach (var file in Directory.GetFiles(folder))
        {
            var lines = File.ReadAllLines(file);
            Assert.Equal(Handoff.HandoffFile.Header, lines[0]);
            var manager = Path.GetFileNameWithoutExtension(file) is var name && name == "no-manager" ? null : name;
            foreach (var cells in lines[1..].Select(l => l.Split(',')))
            {
                Assert.Equal(ManagerOf[cells[0]], manager); // the right file: the user's manager's
                passes.Add(cells[3]);
            }

            AssertOwnerOnly(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Equal(ManagerOf.Count, passes.Count); // every pass once: four users, four lines in all
        Assert.Equal(passes.Count, passes.Distinct(StringComparer.Ordinal).Count());
        AssertOwnerOnly(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The manager came with the lookup ($expand): no request of its own.
        Assert.DoesNotContain(_fixture.Emulator.GetRequestLog(), e => e.Url.Split('?')[0].EndsWith("/manager", StringComparison.OrdinalIgnoreCase));
        AssertNowhereElse(passes, folder);
    }

    [Fact]
    public async Task Encrypted_handoff_files_open_with_openssl_no_plain_pass_touches_the_disk_and_a_rerun_issues_no_second_pass()
    {
        var (cert, key) = MakeRecipient(_cli.Folder);

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", Csv(), "--handoff-by", "manager", "--handoff-recipient", cert));

        var folder = Path.Combine(_cli.RunFolder, "handoff");
        Assert.Empty(Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories));
        var sealedFiles = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Equal(ManagerOf.Count, sealedFiles.Length);
        var passes = new List<string>();
        foreach (var file in sealedFiles)
        {
            var user = Path.GetFileName(file).Split(".temporaryAccessPass.")[0];
            Assert.Equal(ManagerOf[user] ?? "no-manager", Path.GetFileName(Path.GetDirectoryName(file)));
            AssertOwnerOnly(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var lines = Decrypt(file, cert, key).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Handoff.HandoffFile.Header, lines[0]);
            var cells = Assert.Single(lines[1..]).Split(',');
            Assert.Equal((user, "temporaryAccessPass"), (cells[0], cells[2]));
            Assert.True(cells[3].Length >= 8);
            passes.Add(cells[3]);
        }

        AssertNowhereElse(passes, null);
        Assert.DoesNotContain(passes, p => _cli.Console.Output.Contains(p, StringComparison.Ordinal));

        // A rerun into the same folder reads whom it holds passes for from the names alone (no key here) and issues none.
        await StrictEmulatorFixture.WaitOutReadLagAsync();
        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", Csv(), "--handoff-by", "manager", "--handoff-recipient", cert, "--handoff", folder,
            "--replace-tap"));
        Assert.All(_cli.Audit(), r => Assert.Equal("Unchanged", r.Outcome()));
        Assert.Equal(ManagerOf.Count, Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length);
    }

    private static void AssertOwnerOnly(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(mode, File.GetUnixFileMode(path));
        }
    }

    /// <summary>No pass in any other file of the run's folder, nor in any file written to the temp folder since the test began.</summary>
    private void AssertNowhereElse(List<string> passes, string? except)
    {
        var files = Directory.GetFiles(_cli.Folder, "*", SearchOption.AllDirectories).Concat(RecentTempFiles())
            .Where(f => except is null || !f.StartsWith(except + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        foreach (var file in files)
        {
            string text;
            try
            {
                text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // gone or not ours: another test's
            }

            Assert.DoesNotContain(passes, p => text.Contains(p, StringComparison.Ordinal));
        }
    }

    private IEnumerable<string> RecentTempFiles()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        // Not the runtime's debugger pipes: every .NET process (another test's CLI, a benchmark) makes clr-debug-pipe-* FIFOs in
        // the temp folder, and opening one for reading waits for a writer that never comes — this test once hung ten minutes on one.
        return Directory.EnumerateFiles(Path.GetTempPath(), "*", options).Where(f =>
        {
            if (Path.GetFileName(f).StartsWith("clr-debug-pipe-", StringComparison.Ordinal))
            {
                return false;
            }

            var info = new FileInfo(f);
            return info.Exists && info.LastWriteTimeUtc >= _started && info.Length < 16 << 20;
        });
    }

    /// <summary>A self-signed RSA certificate (cert.pem) and its key (key.pem), as an administrator makes them with openssl req.</summary>
    internal static (string Cert, string Key) MakeRecipient(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Hand-off reader", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var cert = Path.Combine(folder, "cert.pem");
        var key = Path.Combine(folder, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    internal static string Decrypt(string file, string cert, string key) =>
        Command.Run("openssl", "cms", "-decrypt", "-inform", "DER", "-in", file, "-recip", cert, "-inkey", key);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using GraphEmulator;
using Spectre.Console.Testing;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Graph:Auth:Mode end to end through the real command line against an emulator that has the app's
/// certificate registered: a client secret from its environment variable, a certificate (PFX or PEM)
/// signing an RFC 7523 client assertion, and every way a credential can be missing or wrong as one sentence.
/// </summary>
public sealed class CredentialTests : IAsyncLifetime, IDisposable
{
    private const string Password = "pfx-password-1";
    private readonly string _folder = Directory.CreateTempSubdirectory("credentials-").FullName;
    private readonly string _variable = "BR_TEST_" + Guid.NewGuid().ToString("N"); // per test: tests of other classes run in parallel
    private readonly X509Certificate2 _certificate = NewCertificate();
    private RunningEmulator _emulator = null!;
    private TestConsole _console = new();

    public async Task InitializeAsync()
    {
        var app = EmulatorClientApp.CreateDefault();
        app.Certificates.Add(_certificate.ExportCertificatePem());
        _emulator = await GraphEmulatorHost.StartAsync(new GraphEmulatorOptions
        {
            Seed = GeneratedTenant.Seed(10),
            UseHttps = true,
            ThrottlingProfile = "off",
            FaultProfile = "off",
            Apps = [app],
        });
        File.WriteAllBytes(Path.Combine(_folder, "app.pfx"), _certificate.Export(X509ContentType.Pkcs12, Password));
        using var key = _certificate.GetRSAPrivateKey()!;
        File.WriteAllText(Path.Combine(_folder, "app.pem"), _certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_folder, "input.csv"), GeneratedTenant.Csv(10));
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    public void Dispose()
    {
        _console.Dispose();
        _certificate.Dispose();
    }

    [Theory]
    [InlineData("app.pfx")]
    [InlineData("app.pem")]
    public async Task Certificate_mode_signs_in_with_a_client_assertion_and_applies_the_file(string file)
    {
        Environment.SetEnvironmentVariable(_variable, file.EndsWith(".pfx", StringComparison.Ordinal) ? Password : null);

        var exit = await Run("Certificate", $$"""{ "CertificatePath": "{{file}}", "CertificatePasswordVariable": "{{_variable}}" }""");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(13, _emulator.GetStats().WritesApplied); // 10 mobiles, 3 office phones
        var identity = Summary().GetProperty("graph").GetProperty("identity");
        Assert.Equal("Certificate", identity.GetProperty("authMode").GetString());
        Assert.Equal(_emulator.ClientId, identity.GetProperty("clientId").GetString());
        Assert.Equal(_emulator.TenantId, identity.GetProperty("tenantId").GetString());
        Assert.Equal("Global", identity.GetProperty("cloud").GetString());
        Assert.Contains($"client id {_emulator.ClientId} · auth Certificate · Global cloud", _console.Output, StringComparison.Ordinal);
        NoFileMentions(Password);
    }

    [Fact]
    public async Task Client_secret_mode_reads_the_secret_from_the_configured_variable_and_never_writes_it()
    {
        Environment.SetEnvironmentVariable(_variable, _emulator.ClientSecret);

        var exit = await Run("ClientSecret", "{}", $$""" "ClientSecretVariable": "{{_variable}}", """);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("ClientSecret", Summary().GetProperty("graph").GetProperty("identity").GetProperty("authMode").GetString());
        NoFileMentions(_emulator.ClientSecret);
    }

    [Fact]
    public async Task A_certificate_the_app_does_not_have_is_rejected_by_the_token_endpoint_and_nothing_is_sent()
    {
        using var other = NewCertificate();
        File.WriteAllBytes(Path.Combine(_folder, "other.pfx"), other.Export(X509ContentType.Pkcs12, Password));
        Environment.SetEnvironmentVariable(_variable, Password);

        var exit = await Run("Certificate", $$"""{ "CertificatePath": "other.pfx", "CertificatePasswordVariable": "{{_variable}}" }""");

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Equal("credentialRejected", Summary().GetProperty("abortCause").GetString());
        Assert.Contains("AADSTS700027", Summary().GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _emulator.GetStats().WritesApplied);
    }

    [Theory]
    [InlineData("missing-variable", "set the environment variable")]
    [InlineData("wrong-password", "the password in")]
    [InlineData("no-such-file", "does not exist")]
    [InlineData("not-a-certificate", "cannot be opened")]
    public async Task An_unusable_certificate_is_one_sentence_and_exit_2_before_a_run_folder_exists(string problem, string sentence)
    {
        File.WriteAllText(Path.Combine(_folder, "garbage.pfx"), "this is not a certificate");
        Environment.SetEnvironmentVariable(_variable, problem switch { "missing-variable" => null, "wrong-password" => "not-the-password", _ => Password });
        var file = problem switch { "no-such-file" => "absent.pfx", "not-a-certificate" => "garbage.pfx", _ => "app.pfx" };

        var exit = await Run("Certificate", $$"""{ "CertificatePath": "{{file}}", "CertificatePasswordVariable": "{{_variable}}" }""");

        Assert.Equal(ExitCodes.CannotProcess, exit);
        var lines = _console.Lines.Where(l => l.Length > 0).ToList();
        Assert.Single(lines);
        Assert.Contains(sentence, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _console.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "run")));
        Assert.Equal(0, _emulator.GetStats().TokensIssued);
    }

    [Fact]
    public async Task A_missing_client_secret_variable_is_one_sentence_naming_it()
    {
        Environment.SetEnvironmentVariable(_variable, null);

        var exit = await Run("ClientSecret", "{}", $$""" "ClientSecretVariable": "{{_variable}}", """);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains($"environment variable {_variable} (Graph:ClientSecretVariable), which is not set", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Workload_identity_presents_the_federated_token_to_the_configured_authority()
    {
        File.WriteAllText(Path.Combine(_folder, "federated.jwt"), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2ln");

        var exit = await Run("WorkloadIdentity", """{ "TokenFilePath": "federated.jwt" }""");

        // Routed: the emulator's token endpoint got the assertion (and, holding no certificate for it, refused it).
        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Equal("credentialRejected", Summary().GetProperty("abortCause").GetString());
        Assert.Contains("AADSTS700027", Summary().GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("WorkloadIdentity", Summary().GetProperty("graph").GetProperty("identity").GetProperty("authMode").GetString());
    }

    private async Task<int> Run(string mode, string auth, string graphExtra = "")
    {
        var config = Path.Combine(_folder, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, $$"""{ {{"\"Graph\""}}: { {{graphExtra}} "Auth": {{auth}} }, "Dispatch": { "MaxRetryTime": "00:10:00" } }""");
        _console = new TestConsole().Width(250);
        return await CliApp.RunAsync(
            ["apply", Path.Combine(_folder, "input.csv"), "--emulator-url", _emulator.BaseUrl.ToString(), "--auth", mode, "--config", config, "--out",
                Path.Combine(_folder, "run")],
            _console, TimeProvider.System);
    }

    private JsonElement Summary() => RunFiles.Summary(Path.Combine(_folder, "run"));

    private void NoFileMentions(string secret)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(_folder, "run")))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(secret, _console.Output, StringComparison.Ordinal);
    }

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=BulkRegistrar test app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }
}

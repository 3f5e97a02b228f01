using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace GraphEmulator.Tests.Auth;

/// <summary>The token endpoint takes a certificate client assertion (RFC 7523) from an unmodified ClientCertificateCredential.</summary>
public sealed class ClientAssertionTests : IAsyncLifetime
{
    private static readonly string[] GraphScope = ["https://graph.microsoft.com/.default"];
    private readonly X509Certificate2 _registered = NewCertificate("registered");
    private RunningEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        var app = EmulatorClientApp.CreateDefault();
        app.Certificates.Add(_registered.ExportCertificatePem());
        _emulator = await TestEmulator.StartAsync(o =>
        {
            o.ThrottlingProfile = "off";
            o.FaultProfile = "off";
            o.Apps = [app];
        });
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_client_assertion_signed_with_the_registered_certificate_gets_a_token_with_the_apps_roles()
    {
        var token = await Credential(_registered).GetTokenAsync(new TokenRequestContext(GraphScope), default);

        Assert.Equal(1, _emulator.GetStats().TokensIssued);
        Assert.Contains("UserAuthenticationMethod.ReadWrite.All",
            System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Token.Split('.')[1])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_assertion_signed_with_a_certificate_the_app_does_not_have_is_refused_with_aadsts700027()
    {
        using var other = NewCertificate("other");

        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
            await Credential(other).GetTokenAsync(new TokenRequestContext(GraphScope), default));

        Assert.Contains("AADSTS700027", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _emulator.GetStats().TokensIssued);
    }

    [Fact]
    public async Task A_certificate_with_the_registered_thumbprint_but_another_key_fails_signature_validation()
    {
        // Same subject and serial cannot be forged into the same hash, so sign with a foreign key under the registered x5t:
        // the emulator must check the signature, not only the header's thumbprint.
        var forged = Forge(_registered);
        using var http = new HttpClient(_emulator.CreateHttpHandler());
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _emulator.ClientId,
            ["scope"] = GraphScope[0],
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = forged(_emulator.BaseUrl, _emulator.TenantId, _emulator.ClientId),
        });

        var response = await http.PostAsync(new Uri(_emulator.BaseUrl, $"{_emulator.TenantId}/oauth2/v2.0/token"), form);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("AADSTS700027: Client assertion failed signature validation.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private ClientCertificateCredential Credential(X509Certificate2 certificate) =>
        new(_emulator.TenantId, _emulator.ClientId, certificate, new ClientCertificateCredentialOptions
        {
            AuthorityHost = _emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(_emulator.CreateHttpHandler()),
            Retry = { MaxRetries = 0 },
        });

    private static X509Certificate2 NewCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    private static Func<Uri, string, string, string> Forge(X509Certificate2 registered) => (baseUrl, tenant, client) =>
    {
        using var foreign = RSA.Create(2048);
        static string B64(byte[] b) => System.Buffers.Text.Base64Url.EncodeToString(b);
        var header = B64(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"alg":"RS256","typ":"JWT","x5t":"{{B64(registered.GetCertHash(HashAlgorithmName.SHA1))}}"}"""));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = B64(System.Text.Encoding.UTF8.GetBytes(
            $$"""{"aud":"{{baseUrl}}{{tenant}}/oauth2/v2.0/token","iss":"{{client}}","sub":"{{client}}","jti":"1","nbf":{{now}},"exp":{{now + 600}}}"""));
        var signature = foreign.SignData(System.Text.Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64(signature);
    };
}

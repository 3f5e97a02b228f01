using System.Net;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using GraphEmulator.Tests.Support;
using Microsoft.Graph.Authentication;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Auth;

[Collection(EmulatorCollection.Name)]
public sealed class AuthTests
{
    private static readonly string[] GraphScope = ["https://graph.microsoft.com/.default"];
    private readonly PlainEmulatorFixture _f;

    public AuthTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task An_unmodified_client_secret_credential_gets_a_token_over_https_and_sdk_calls_succeed()
    {
        var emulator = _f.Emulator;
        var credential = Credential(emulator.ClientSecret);
        var auth = new AzureIdentityAuthenticationProvider(credential, ["127.0.0.1"], null, true, GraphScope);
        var graph = Clients.Graph(emulator, auth);

        var created = await graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555020", PhoneType = AuthenticationPhoneType.Mobile });
        var user = await graph.Users[Users.Plain].GetAsync();

        Assert.NotNull(created);
        Assert.Equal(Users.Plain, user!.UserPrincipalName);
        Assert.Equal(1, emulator.GetStats().TokensIssued); // the second call came from the credential's cache
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_to_get_a_token()
    {
        var ex = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
            await Credential("not-the-secret").GetTokenAsync(new TokenRequestContext(GraphScope), default));
        Assert.Contains("7000215", ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, _f.Emulator.GetStats().TokensIssued);
    }

    [Fact]
    public async Task A_token_without_the_needed_role_gets_403_access_denied()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => _f.Client(Clients.UserRead).Users[Users.Plain].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(403, ex.ResponseStatusCode);
        Assert.Equal("accessDenied", ex.Error!.Code);
        Assert.Equal("Request Authorization failed", ex.Error.Message);
    }

    [Fact]
    public async Task A_read_only_token_can_list_but_not_create()
    {
        var graph = _f.Client(Clients.Read);
        Assert.NotNull(await graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync());
        var ex = await Assert.ThrowsAsync<ODataError>(() => graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555021", PhoneType = AuthenticationPhoneType.Office }));
        Assert.Equal(403, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task A_missing_or_forged_token_gets_401_invalid_authentication_token()
    {
        using var anonymous = Clients.Raw(_f.Emulator);
        using var missing = await anonymous.GetAsync($"/v1.0/users/{Uri.EscapeDataString(Users.Plain)}");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("InvalidAuthenticationToken", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = _f.Emulator.IssueToken(Clients.AllRoles);
        using var forged = Clients.Raw(_f.Emulator, token[..^4] + "AAAA");
        using var res = await forged.GetAsync($"/v1.0/users/{Uri.EscapeDataString(Users.Plain)}");
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
    }

    [Fact]
    public async Task Revoking_an_apps_role_mid_run_turns_the_next_call_into_403()
    {
        var graph = _f.Client();
        await graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync();

        _f.Emulator.SetAppRoles(_f.Emulator.ClientId, [Clients.UserRead]);
        var ex = await Assert.ThrowsAsync<ODataError>(() => graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(403, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task Revoking_issued_tokens_mid_run_turns_the_next_call_into_401()
    {
        var graph = _f.Client();
        await graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync();

        _f.Emulator.RevokeIssuedTokens();
        var ex = await Assert.ThrowsAsync<ODataError>(() => graph.Users[Users.WithMobile].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(401, ex.ResponseStatusCode);
        Assert.Equal("InvalidAuthenticationToken", ex.Error!.Code);
    }

    /// <summary>
    /// The credential as an admin would configure it for the emulator: authority on the emulator,
    /// no instance discovery, and a transport that pins the self-signed certificate and refuses
    /// to leave the machine.
    /// </summary>
    private ClientSecretCredential Credential(string secret)
    {
        var pin = _f.Emulator.CertificateSha256;
        var tls = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString(HashAlgorithmName.SHA256) == pin,
        };
        return new ClientSecretCredential(_f.Emulator.TenantId, _f.Emulator.ClientId, secret, new ClientSecretCredentialOptions
        {
            AuthorityHost = _f.Emulator.BaseUrl,
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(new LoopbackOnly(tls)),
            Retry = { MaxRetries = 0 },
        });
    }

    private sealed class LoopbackOnly(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.True(request.RequestUri!.IsLoopback, $"The credential tried to reach {request.RequestUri.Host}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}

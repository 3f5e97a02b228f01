using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Identity;
using BulkRegistrar.Transport;
using Microsoft.Identity.Client;

namespace BulkRegistrar.Tests.Transport;

/// <summary>
/// The exception shapes below are the ones Azure.Identity 1.21 and SocketsHttpHandler produce
/// (checked against a closed port, an unresolvable host, a listener that drops the TLS handshake,
/// and the emulator's token endpoint with a wrong secret).
/// </summary>
public class SendFailuresTests
{
    private static AuthenticationFailedException TokenFailure(params Exception[] attempts) =>
        new("ClientSecretCredential authentication failed: Retry failed after 4 tries.",
            new AggregateException("Retry failed after 4 tries.", attempts.Select(a => new Azure.RequestFailedException(a.Message, a))));

    [Fact]
    public async Task A_token_endpoint_nobody_listens_on_is_cannot_connect_not_an_authentication_failure()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var credential = new ClientSecretCredential("tenant", "client", "s3cret-value", new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri($"https://127.0.0.1:{port}/"),
            DisableInstanceDiscovery = true,
            Retry = { MaxRetries = 0 },
        });

        var context = new TokenRequestContext(["https://graph.microsoft.com/.default"]);
        var e = await Assert.ThrowsAsync<AuthenticationFailedException>(() => credential.GetTokenAsync(context).AsTask());
        var failure = SendFailures.Classify(e);

        Assert.Equal(SendFailureKind.CannotConnect, failure.Kind);
        Assert.True(failure.NothingSent);
        Assert.StartsWith("Cannot connect to the sign-in (token) endpoint: connection refused", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_that_does_not_resolve_is_named_as_a_dns_failure()
    {
        var dns = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (graph.contoso.invalid:443)",
            new SocketException((int)SocketError.HostNotFound));

        var failure = SendFailures.Classify(dns);

        Assert.Equal(SendFailureKind.CannotConnect, failure.Kind);
        Assert.StartsWith("Cannot connect to Graph: the host name does not resolve (DNS): Name or service not known (graph.contoso.invalid:443).",
            failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_tls_handshake_says_tls_and_why()
    {
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established, see inner exception.",
            new System.Security.Authentication.AuthenticationException(
                "The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));

        var failure = SendFailures.Classify(TokenFailure(tls, tls, tls, tls));

        Assert.Equal(SendFailureKind.CannotConnect, failure.Kind);
        Assert.Contains("the TLS handshake failed (The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot)",
            failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proxy_that_refuses_the_tunnel_is_named()
    {
        var proxy = new HttpRequestException(HttpRequestError.ProxyTunnelError,
            "The proxy tunnel request to proxy 'http://proxy:8080/' failed with status code '407'.");

        Assert.Contains("the proxy refused the connection", SendFailures.Classify(proxy).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_secret_shows_the_aadsts_line_without_trace_lines()
    {
        var msal = new MsalServiceException("invalid_client",
            "A configuration issue is preventing authentication. Original exception: AADSTS7000215: Invalid client secret provided.\r\n"
            + "Trace ID: 4c8d\r\nCorrelation ID: ad3f\r\nTimestamp: 2026-11-29 16:57:04Z", 401);

        var failure = SendFailures.Classify(new AuthenticationFailedException("ClientSecretCredential authentication failed: ", msal));

        Assert.Equal(SendFailureKind.CredentialRejected, failure.Kind);
        Assert.Equal("The token endpoint refused the app's credential: AADSTS7000215: Invalid client secret provided. (invalid_client) "
            + "Check the tenant id, the client id and the client secret (wrong or expired), then run again.", failure.Message);
    }

    [Fact]
    public void A_token_endpoint_outage_is_not_called_a_refused_credential()
    {
        var msal = new MsalServiceException("temporarily_unavailable", "AADSTS90033: A transient error has occurred. Please try again.", 503);

        var failure = SendFailures.Classify(new AuthenticationFailedException("ClientSecretCredential authentication failed: ", msal));

        Assert.Equal(SendFailureKind.TokenUnavailable, failure.Kind);
        Assert.Contains("could not issue a token (HTTP 503): AADSTS90033", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_dropped_after_sending_is_no_answer_and_may_have_run()
    {
        var dropped = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        var failure = SendFailures.Classify(dropped);

        Assert.Equal(SendFailureKind.NoAnswer, failure.Kind);
        Assert.False(failure.NothingSent);
        Assert.True(new CallResult(0, null, null, null, null, failure).MayHaveRun);
        Assert.True(new CallResult(0, null, null, null, null, failure).IsTransient);
    }

    [Fact]
    public void A_batch_that_never_left_is_neither_retried_nor_possibly_applied()
    {
        var result = new CallResult(0, null, null, null, null, new SendFailure(SendFailureKind.CannotConnect, "Cannot connect to Graph."));

        Assert.False(result.IsTransient);
        Assert.False(result.MayHaveRun);
        Assert.Equal((null, "Cannot connect to Graph."), result.Error);
    }

    [Fact]
    public void A_failure_without_an_answer_is_not_attributed_to_graph()
    {
        Assert.Equal("No answer from Graph: Gave up.", CallResult.Said(CallResult.Unknown("Gave up.")));
        var refused = new CallResult(400, """{"error":{"code":"badRequest","message":"Invalid phone."}}""", null, null, null);
        Assert.Equal("Graph said: Invalid phone.", CallResult.Said(refused));
    }

    [Theory]
    [InlineData("""[1,2]""")]
    [InlineData("""{"error":"text"}""")]
    [InlineData("""{"error":{"code":7,"message":["x"]}}""")]
    [InlineData("<html>proxy error</html>")]
    public void An_error_body_of_an_unexpected_shape_gives_no_code_instead_of_an_exception(string body)
    {
        Assert.Equal((null, null), new CallResult(502, body, null, null, null).Error);
    }
}

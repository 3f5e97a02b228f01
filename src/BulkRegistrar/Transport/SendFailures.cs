using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Azure.Identity;
using Microsoft.Identity.Client;

namespace BulkRegistrar.Transport;

/// <summary>
/// Turns an exception from sending a batch into a <see cref="SendFailure"/> that names the true
/// cause. Azure.Identity wraps everything in <see cref="AuthenticationFailedException"/> whose own
/// message is just "ClientSecretCredential authentication failed: " — the cause is inside: an MSAL
/// service error carrying the token endpoint's AADSTS line, or (after Azure.Core's retries, as an
/// AggregateException) the <see cref="HttpRequestException"/> that says why no connection was made.
/// </summary>
internal static partial class SendFailures
{
    public static SendFailure Classify(Exception e)
    {
        var chain = Flatten(e).ToList();
        var token = chain.Any(x => x is AuthenticationFailedException or CredentialUnavailableException or MsalException);
        var where = token ? "the sign-in (token) endpoint" : "Graph";
        if (chain.OfType<HttpRequestException>().FirstOrDefault(IsConnectFailure) is { } connect)
        {
            return new SendFailure(SendFailureKind.CannotConnect,
                $"Cannot connect to {where}: {Describe(connect, chain)}. Check the address, DNS, the network and any proxy, then run again.");
        }

        if (chain.OfType<MsalServiceException>().FirstOrDefault() is { } refused)
        {
            var said = Aadsts(refused);
            return refused.StatusCode is >= 500 or 429
                ? new SendFailure(SendFailureKind.TokenUnavailable,
                    $"The token endpoint could not issue a token (HTTP {refused.StatusCode}): {said} Run again later.")
                : new SendFailure(SendFailureKind.CredentialRejected,
                    $"The token endpoint refused the app's credential: {said} "
                    + "Check the tenant id, the client id and the client secret (wrong or expired), then run again.");
        }

        if (token)
        {
            return new SendFailure(SendFailureKind.TokenUnavailable,
                $"No access token could be obtained: {OneLine(string.Join(" ", chain.Select(x => x.Message)))}");
        }

        return new SendFailure(SendFailureKind.NoAnswer, OneLine($"{e.GetType().Name}: {e.Message}"));
    }

    /// <summary>The failures that happen before a byte of the request could leave.</summary>
    private static bool IsConnectFailure(HttpRequestException e) => e.HttpRequestError is HttpRequestError.NameResolutionError
        or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private static string Describe(HttpRequestException e, List<Exception> chain)
    {
        // HttpRequestException's message names host and port, e.g. "Connection refused (127.0.0.1:5999)".
        var socket = chain.OfType<SocketException>().FirstOrDefault();
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"the host name does not resolve (DNS): {e.Message}",
            HttpRequestError.SecureConnectionError =>
                $"the TLS handshake failed ({Innermost(e).Message.TrimEnd('.')}); a wrong certificate or a TLS-inspecting proxy is the usual cause",
            HttpRequestError.ProxyTunnelError => $"the proxy refused the connection: {e.Message}",
            _ when socket?.SocketErrorCode == SocketError.ConnectionRefused => $"connection refused, nothing is listening there: {e.Message}",
            _ when socket?.SocketErrorCode == SocketError.TimedOut => $"the connection timed out: {e.Message}",
            _ when socket?.SocketErrorCode is SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"no route to the host: {e.Message}",
            _ => $"the connection failed: {e.Message}",
        };
    }

    /// <summary>
    /// The AADSTS line of the token endpoint's answer (e.g. "AADSTS7000215: Invalid client secret provided."), else MSAL's code and first line.
    /// </summary>
    private static string Aadsts(MsalServiceException e)
    {
        var match = AadstsLine().Match(e.Message);
        if (!match.Success && e.ResponseBody is { } body)
        {
            match = AadstsLine().Match(body.Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal));
        }

        return match.Success ? $"{match.Value.Trim()} ({e.ErrorCode})" : $"{e.ErrorCode}: {OneLine(e.Message)}";
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        var inner = e is AggregateException a ? a.InnerExceptions : e.InnerException is { } i ? [i] : [];
        foreach (var x in inner.SelectMany(Flatten))
        {
            yield return x;
        }
    }

    /// <summary>One line, bounded: exception messages span lines and can repeat themselves four times after retries.</summary>
    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    [GeneratedRegex(@"AADSTS\d+:[^\r\n]*")]
    private static partial Regex AadstsLine();
}

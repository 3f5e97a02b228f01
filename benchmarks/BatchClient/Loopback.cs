using System.Security.Cryptography;

namespace BatchClient;

/// <summary>
/// The standalone emulator makes a self-signed certificate at every start and prints its SHA-256; the client
/// trusts exactly that certificate (the benchmark passes it as <c>--pin</c>), nothing machine-wide.
/// </summary>
internal static class Loopback
{
    public static SocketsHttpHandler Handler(string pin) => new()
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pin, StringComparison.OrdinalIgnoreCase),
        },
    };
}

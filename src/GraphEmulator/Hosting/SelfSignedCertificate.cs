using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace GraphEmulator;

/// <summary>
/// A throwaway TLS certificate for 127.0.0.1/localhost, made in-process so nothing depends on a
/// machine dev certificate. Clients pin it by SHA-256 (<see cref="RunningEmulator.CertificateSha256"/>).
/// </summary>
internal static class SelfSignedCertificate
{
    public static X509Certificate2 Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=GraphEmulator", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));

        // TLS peers check validity against the real clock, so this deliberately ignores the
        // emulator's (possibly fake) TimeProvider.
#pragma warning disable RS0030 // TLS peers check validity against the real clock, never a fake one
        var now = TimeProvider.System.GetUtcNow();
#pragma warning restore RS0030
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        // Re-import from PKCS#12 so Kestrel on Linux can use the private key (docs/sdk-notes.md §5).
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace BulkRegistrar.Handoff;

/// <summary>
/// <c>--handoff-recipient CERT.pem</c>: the X.509 certificate every hand-off file is encrypted to, as CMS enveloped data
/// (RFC 5652; .NET's <see cref="EnvelopedCms"/>): AES-256-CBC content, the key wrapped with RSA-OAEP (SHA-256) for the
/// certificate's key, DER-encoded — what <c>openssl cms -decrypt -inform DER -recip cert.pem -inkey key.pem</c> reads.
/// Only the public certificate is needed here; one whose file also holds a private key is refused, because a key beside
/// the files it opens protects nothing.
/// </summary>
internal sealed class HandoffRecipient
{
    private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";
    private readonly X509Certificate2 _certificate;

    private HandoffRecipient(X509Certificate2 certificate) => _certificate = certificate;

    /// <summary>Who can open the files: the certificate's subject, as the console and run.log name it.</summary>
    public string Subject => _certificate.Subject;

    public string Thumbprint => _certificate.Thumbprint;

    /// <exception cref="UsageException">Missing, unreadable, not a certificate, holds a private key, expired, not RSA, or not for key encipherment.</exception>
    public static HandoffRecipient Load(string path, DateTimeOffset now)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--handoff-recipient '{path}' cannot be read ({IoReason.Of(e)}); name the PEM (or DER) certificate "
                + "the hand-off files are encrypted to. Nothing was sent.");
        }

        var certificate = Read(path, bytes);
        string? problem = null;
        if (certificate.GetRSAPublicKey() is null)
        {
            problem = "its key is not RSA (CMS enveloped data for this tool needs an RSA key-transport certificate)";
        }
        else if (certificate.NotAfter < now.UtcDateTime || certificate.NotBefore > now.UtcDateTime)
        {
            problem = $"it is valid only from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}";
        }
        else if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && (usage.KeyUsages & X509KeyUsageFlags.KeyEncipherment) == 0)
        {
            problem = "its key usage does not allow key encipherment";
        }

        return problem is null ? new HandoffRecipient(certificate)
            : throw new UsageException($"--handoff-recipient '{path}' cannot be used: {problem}. Name the certificate of the person who opens the hand-off "
                + "files. Nothing was sent.");
    }

    /// <summary>The content encrypted to the certificate, DER-encoded.</summary>
    public byte[] Seal(byte[] content)
    {
        var cms = new EnvelopedCms(new ContentInfo(content), new AlgorithmIdentifier(new Oid(Aes256Cbc)));
        cms.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, _certificate, RSAEncryptionPadding.OaepSHA256));
        return cms.Encode();
    }

    private static X509Certificate2 Read(string path, byte[] bytes)
    {
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new UsageException($"--handoff-recipient '{path}' holds a private key. Give only the certificate (openssl x509 -in {Path.GetFileName(path)} "
                + "-out cert.pem); the key that opens the hand-off files belongs to their reader, not beside them. Nothing was sent.");
        }

        try
        {
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (CryptographicException)
        {
            throw new UsageException($"--handoff-recipient '{path}' is not an X.509 certificate (PEM or DER). Nothing was sent.");
        }
    }
}

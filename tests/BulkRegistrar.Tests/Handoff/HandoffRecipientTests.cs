using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using BulkRegistrar.Handoff;

namespace BulkRegistrar.Tests.Handoff;

public sealed class HandoffRecipientTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("recipient-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void What_is_sealed_opens_only_with_the_certificates_key()
    {
        using var rsa = RSA.Create(2048);
        using var cert = SelfSigned(rsa, Now.AddDays(-1), Now.AddDays(1));
        var recipient = HandoffRecipient.Load(Write("cert.pem", cert.ExportCertificatePem()), Now);

        var sealedBytes = recipient.Seal("UserPrincipalName,Secret\na@contoso.com,k7#Qm2vX\n"u8.ToArray());

        Assert.DoesNotContain("k7#Qm2vX", System.Text.Encoding.Latin1.GetString(sealedBytes), StringComparison.Ordinal);
        var cms = new EnvelopedCms();
        cms.Decode(sealedBytes);
        cms.Decrypt([cert]); // CreateSelfSigned's certificate carries its key
        Assert.Equal("UserPrincipalName,Secret\na@contoso.com,k7#Qm2vX\n", System.Text.Encoding.UTF8.GetString(cms.ContentInfo.Content));
    }

    [Fact]
    public void A_certificate_file_that_also_holds_its_private_key_is_refused()
    {
        using var rsa = RSA.Create(2048);
        using var cert = SelfSigned(rsa, Now.AddDays(-1), Now.AddDays(1));
        var path = Write("both.pem", cert.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());

        var e = Assert.Throws<UsageException>(() => HandoffRecipient.Load(path, Now));
        Assert.Contains("holds a private key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_or_one_with_an_elliptic_curve_key_is_refused_in_one_sentence()
    {
        using var rsa = RSA.Create(2048);
        using var expired = SelfSigned(rsa, Now.AddDays(-30), Now.AddDays(-1));
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ecCert = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));

        Assert.Contains("valid only from",
            Assert.Throws<UsageException>(() => HandoffRecipient.Load(Write("old.pem", expired.ExportCertificatePem()), Now)).Message,
            StringComparison.Ordinal);
        Assert.Contains("not RSA", Assert.Throws<UsageException>(() => HandoffRecipient.Load(Write("ec.pem", ecCert.ExportCertificatePem()), Now)).Message,
            StringComparison.Ordinal);
        Assert.Contains("not an X.509 certificate", Assert.Throws<UsageException>(() => HandoffRecipient.Load(Write("x.pem", "hello"), Now)).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Nora.Patel@Contoso.com", "nora.patel@contoso.com")]
    [InlineData("tara_fabrikam.com#EXT#@contoso.onmicrosoft.com", "tara_fabrikam.com#ext#@contoso.onmicrosoft.com")]
    [InlineData("a/b\\c:d*e?f", "a_b_c_d_e_f")]
    [InlineData("..", "_")]
    public void Names_in_a_handoff_folder_are_lower_case_and_hold_no_path_character(string name, string safe)
    {
        Assert.Equal(safe, HandoffNames.Safe(name));
        Assert.Equal((safe, "temporaryAccessPass"), HandoffNames.ParseSealed(HandoffNames.Sealed(name, "temporaryAccessPass")));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static X509Certificate2 SelfSigned(RSA rsa, DateTimeOffset from, DateTimeOffset to) =>
        new CertificateRequest("CN=reader", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(from, to);
}

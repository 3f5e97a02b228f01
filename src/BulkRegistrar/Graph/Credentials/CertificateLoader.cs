using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BulkRegistrar.Graph.Credentials;

/// <summary>
/// The app's certificate with its private key: a PFX (password from an environment variable), a PEM
/// (certificate and key in one file or two), or a thumbprint in the certificate store. Every way it can
/// fail is one sentence naming the file or variable — never the password.
/// </summary>
internal static class CertificateLoader
{
    public static X509Certificate2 Load(AuthOptions auth, Func<string, string?> env, Func<string, string> resolvePath)
    {
        if (!string.IsNullOrWhiteSpace(auth.CertificateThumbprint))
        {
            return FromStore(auth.CertificateThumbprint, auth.CertificateStoreLocation);
        }

        if (string.IsNullOrWhiteSpace(auth.CertificatePath))
        {
            throw new UsageException("Graph:Auth:Mode is Certificate, but neither Graph:Auth:CertificatePath (a PFX or PEM file) nor "
                + "Graph:Auth:CertificateThumbprint (a certificate in the store) is set.");
        }

        var path = resolvePath(auth.CertificatePath);
        if (!File.Exists(path))
        {
            throw new UsageException($"The certificate file '{path}' (Graph:Auth:CertificatePath) does not exist.");
        }

        var password = Privacy.KnownSecrets.Add(env(auth.CertificatePasswordVariable));
        try
        {
            var certificate = IsPem(path) ? FromPem(path, auth.CertificateKeyPath is { } k ? resolvePath(k) : null, password)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate
                : throw new UsageException($"The certificate file '{path}' holds no private key; the app signs its sign-in with it, so export the "
                    + $"certificate with its key (PFX) or add the key (PEM).");
        }
        catch (CryptographicException) when (!IsPem(path))
        {
            throw new UsageException(password is null
                ? $"The certificate file '{path}' cannot be opened without a password: set the environment variable "
                    + $"{auth.CertificatePasswordVariable} (Graph:Auth:CertificatePasswordVariable), or check that the file is a PFX."
                : $"The certificate file '{path}' cannot be opened: the password in {auth.CertificatePasswordVariable} is wrong, or the file is not "
                    + $"a PFX/PEM certificate.");
        }
        catch (CryptographicException e)
        {
            throw new UsageException($"The PEM certificate '{path}' cannot be read ({e.Message.TrimEnd('.')}); it must hold the certificate and its "
                + $"private key (or name the key with Graph:Auth:CertificateKeyPath).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The certificate file '{path}' cannot be read: {e.Message}");
        }
    }

    private static bool IsPem(string path)
    {
        Span<byte> head = stackalloc byte[64];
        using var stream = File.OpenRead(path);
        var read = stream.Read(head);
        return System.Text.Encoding.ASCII.GetString(head[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
    }

    private static X509Certificate2 FromPem(string path, string? keyPath, string? password) =>
        password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);

    private static X509Certificate2 FromStore(string thumbprint, string location)
    {
        if (!Enum.TryParse<StoreLocation>(location, ignoreCase: true, out var where))
        {
            throw new UsageException($"Graph:Auth:CertificateStoreLocation is '{location}'; use CurrentUser or LocalMachine.");
        }

        var clean = thumbprint.Replace(" ", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal);
        using var store = new X509Store(StoreName.My, where);
        try
        {
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        }
        catch (CryptographicException e)
        {
            throw new UsageException($"The certificate store {where}\\My cannot be opened: {e.Message}");
        }

        var found = store.Certificates.Find(X509FindType.FindByThumbprint, clean, validOnly: false);
        return found.Count == 0
            ? throw new UsageException($"No certificate with thumbprint {clean} is in {where}\\My (Graph:Auth:CertificateThumbprint).")
            : found[0].HasPrivateKey ? found[0]
            : throw new UsageException($"The certificate {clean} in {where}\\My has no private key this account may use.");
    }
}

namespace BulkRegistrar.Graph.Credentials;

/// <summary>
/// <c>Graph:Auth</c> section: how the app signs in. No secret lives here — a client secret or a PFX
/// password is read from the environment variable this section names, so the file can be shared.
/// </summary>
internal sealed class AuthOptions
{
    /// <summary>ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity, AzureCli, Default or DeviceCode; <c>--auth</c> overrides it.</summary>
    public string Mode { get; set; } = "ClientSecret";

    /// <summary>A PFX (.pfx/.p12) or PEM file holding the app's certificate and private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key when it is not in <see cref="CertificatePath"/>.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>The environment variable holding the PFX password (or the encrypted PEM key's password).</summary>
    public string CertificatePasswordVariable { get; set; } = "BULKREGISTRAR_CERTIFICATE_PASSWORD";

    /// <summary>Instead of a file: the thumbprint of a certificate in the certificate store (Windows: CurrentUser\My or LocalMachine\My).</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>CurrentUser or LocalMachine, for <see cref="CertificateThumbprint"/>.</summary>
    public string CertificateStoreLocation { get; set; } = "CurrentUser";

    /// <summary>ManagedIdentity: the client id of a user-assigned identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>WorkloadIdentity: the federated token file; default: AZURE_FEDERATED_TOKEN_FILE, as Kubernetes sets it.</summary>
    public string? TokenFilePath { get; set; }
}

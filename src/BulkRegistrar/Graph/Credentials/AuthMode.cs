namespace BulkRegistrar.Graph.Credentials;

/// <summary>The ways the app can sign in; the names are what <c>Graph:Auth:Mode</c> and <c>--auth</c> accept.</summary>
internal enum AuthMode
{
    ClientSecret,
    Certificate,
    ManagedIdentity,
    WorkloadIdentity,
    AzureCli,
    Default,
    DeviceCode,
}

internal static class AuthModes
{
    public static string Names => string.Join(", ", Enum.GetNames<AuthMode>());

    public static AuthMode Parse(string? text, string source) =>
        Enum.TryParse<AuthMode>(text?.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _)
            ? mode
            : throw new UsageException($"{source} is '{text}'; use one of {Names}.");

    /// <summary>Delegated modes act as the signed-in admin: their tokens carry scp, not roles.</summary>
    public static bool IsDelegated(this AuthMode mode) => mode is AuthMode.DeviceCode or AuthMode.AzureCli or AuthMode.Default;
}

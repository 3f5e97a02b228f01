namespace BulkRegistrar.Status;

/// <summary>The <c>Status</c> section: what the status verb counts as onboarding done.</summary>
internal sealed class StatusOptions
{
    /// <summary>
    /// The method types (<see cref="MethodTypes"/>' names) any one of which makes a user's onboarding complete; null: the default,
    /// Microsoft Authenticator, passkey (FIDO2), Windows Hello for Business, hardware or software OATH. <c>--strong</c> overrides it.
    /// </summary>
    public string[]? StrongMethods { get; set; }

    public IReadOnlyList<string> Strong() =>
        StrongMethods is null ? MethodTypes.DefaultStrong : MethodTypes.Resolve(StrongMethods, "Status:StrongMethods");

    public IEnumerable<string> Validate()
    {
        string? problem = null;
        try
        {
            _ = Strong();
        }
        catch (UsageException e)
        {
            problem = e.Message.TrimEnd('.');
        }

        return problem is null ? [] : [problem];
    }
}

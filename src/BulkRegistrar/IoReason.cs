namespace BulkRegistrar;

/// <summary>
/// The operating system's reason of an I/O failure for a one-sentence message: .NET appends <c> : '/the/path'</c>
/// to it, and our sentences name the path themselves.
/// </summary>
internal static class IoReason
{
    public static string Of(Exception e)
    {
        var text = e.Message;
        var cut = text.IndexOf(" : '", StringComparison.Ordinal);
        return (cut > 0 ? text[..cut] : text).TrimEnd('.', ' ');
    }
}

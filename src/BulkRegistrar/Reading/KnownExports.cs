namespace BulkRegistrar.Reading;

/// <summary>
/// Whole files of a known shape that are not for this tool (yet), told by their header so that they get
/// one sentence, not a line per row (docs/input-formats.md).
/// </summary>
internal static class KnownExports
{
    /// <summary>
    /// The Entra hardware OATH token upload CSV: <c>upn,serial number,secret key,time interval,manufacturer,model</c>
    /// (the last three optional), told by its first three, whatever other columns were added. Its columns are the hardware OATH
    /// method's own aliases, so with <c>--beta</c> it is read as it is; without, <c>FileVerdict</c> refuses it in one sentence.
    /// </summary>
    public static bool IsHardwareOathUpload(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => ColumnAliases.Normalize(h)).ToHashSet(StringComparer.Ordinal);
        return names.Contains("upn") && names.Contains("serialnumber") && names.Contains("secretkey");
    }
}

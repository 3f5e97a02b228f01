namespace BulkRegistrar.Reading;

/// <summary>
/// Whole files of a known shape that are not for this tool (yet), told by their header so that they get
/// one sentence, not a line per row (docs/input-formats.md).
/// </summary>
internal static class KnownExports
{
    /// <summary>
    /// The Entra hardware OATH token upload CSV: <c>upn,serial number,secret key,time interval,manufacturer,model</c>
    /// (the last three optional), told by its first three, whatever other columns were added: a file that holds
    /// secret keys is never read row by row. Reusable: hardware OATH support will read this format.
    /// </summary>
    public static bool IsHardwareOathUpload(IReadOnlyList<string> headers)
    {
        var names = headers.Select(h => ColumnAliases.Normalize(h)).ToHashSet(StringComparer.Ordinal);
        return names.Contains("upn") && names.Contains("serialnumber") && names.Contains("secretkey");
    }

    /// <summary>The one sentence for an OATH upload file: names the format, never a cell (the secret keys stay unread).</summary>
    public static string HardwareOathUploadMessage(string fileName) =>
        $"The file '{fileName}' is a hardware OATH token upload (upn, serial number, secret key, time interval, manufacturer, model): " +
        "BulkRegistrar does not register hardware OATH tokens yet. Upload it in the Microsoft Entra admin center (Hardware OATH tokens), " +
        "and keep it where only you can read it: it holds the tokens' secret keys.";
}

using System.Globalization;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// What a row asks of a QR code + PIN: when its standard QR code starts and when it expires. A null start is the moment it is
/// created; a null expiry is the start plus the tenant policy's standard lifetime (<see cref="QrRun.LifetimeAsync"/>). Carried
/// through the pipeline as its <see cref="Format"/> text (the audit's <c>normalized</c>), never with a PIN in it.
/// </summary>
internal sealed record QrSpec(DateTimeOffset? Start, DateTimeOffset? Expiry)
{
    /// <summary>Graph's documented longest life of a standard QR code (docs/graph-behaviour.md §3.6); a tenant's policy may allow less.</summary>
    public const int MaxLifetimeDays = 395;

    /// <summary>Graph's documented default life of a standard QR code, used when the tenant's policy cannot be read.</summary>
    public const int DefaultLifetimeDays = 365;

    public const string PolicyDefaults = "policy lifetime";

    public string Format()
    {
        var parts = new List<string>(2);
        if (Start is { } s)
        {
            parts.Add("start=" + Iso(s));
        }

        if (Expiry is { } e)
        {
            parts.Add("expiry=" + Iso(e));
        }

        return parts.Count == 0 ? PolicyDefaults : string.Join(';', parts);
    }

    public static QrSpec Parse(string? text)
    {
        DateTimeOffset? start = null, expiry = null;
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            var value = kv.Length == 2 ? DateTimeOffset.Parse(kv[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : (DateTimeOffset?)null;
            start = kv[0] == "start" ? value : start;
            expiry = kv[0] == "expiry" ? value : expiry;
        }

        return new QrSpec(start, expiry);
    }

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Show(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}

using System.Globalization;

namespace BulkRegistrar.Methods.Tap;

/// <summary>
/// What a row asks of a Temporary Access Pass: when it starts, how long it lives, whether it is
/// one-time. Null members are left to the tenant's policy (Graph's defaults). Carried through the
/// pipeline as its <see cref="Format"/> text (the audit's <c>normalized</c>), never with a pass in it.
/// </summary>
internal sealed record TapSpec(DateTimeOffset? Start, int? LifetimeMinutes, bool? UsableOnce)
{
    /// <summary>Graph's documented bounds of <c>lifetimeInMinutes</c> (docs/graph-behaviour.md §3.2); a tenant's policy may be narrower.</summary>
    public const int MinLifetime = 10;
    public const int MaxLifetime = 43_200;

    public const string PolicyDefaults = "policy defaults";

    public string Format()
    {
        var parts = new List<string>(3);
        if (Start is { } s)
        {
            parts.Add("start=" + s.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (LifetimeMinutes is { } l)
        {
            parts.Add("lifetime=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (UsableOnce is { } o)
        {
            parts.Add("once=" + (o ? "true" : "false"));
        }

        return parts.Count == 0 ? PolicyDefaults : string.Join(';', parts);
    }

    public static TapSpec Parse(string? text)
    {
        DateTimeOffset? start = null;
        int? lifetime = null;
        bool? once = null;
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            switch (kv[0])
            {
                case "start" when kv.Length == 2:
                    start = DateTimeOffset.Parse(kv[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                    break;
                case "lifetime" when kv.Length == 2:
                    lifetime = int.Parse(kv[1], CultureInfo.InvariantCulture);
                    break;
                case "once" when kv.Length == 2:
                    once = kv[1] == "true";
                    break;
            }
        }

        return new TapSpec(start, lifetime, once);
    }
}

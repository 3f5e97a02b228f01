using System.Globalization;

namespace BulkRegistrar.Methods.Tap;

/// <summary>
/// What a row asks of a Temporary Access Pass: when it starts, how long it lives, whether it is
/// one-time. Null members are left to the tenant's policy (Graph's defaults). Carried through the
/// pipeline as its <see cref="Format"/> text (the audit's <c>normalized</c>), never with a pass in it.
/// </summary>
/// <param name="FromHireDate">TapStart <c>hireDate</c>: the pass starts at the user's <c>employeeHireDate</c>, read with the lookup.</param>
/// <param name="HireDate">Once planned: the hire date read (<see cref="Start"/> is then that date, or null — now — when it has passed).</param>
internal sealed record TapSpec(DateTimeOffset? Start, int? LifetimeMinutes, bool? UsableOnce, bool FromHireDate = false, DateTimeOffset? HireDate = null)
{
    /// <summary>The TapStart word for "the user's hire date".</summary>
    public const string HireDateWord = "hireDate";

    /// <summary>Graph's documented bounds of <c>lifetimeInMinutes</c> (docs/graph-behaviour.md §3.2); a tenant's policy may be narrower.</summary>
    public const int MinLifetime = 10;
    public const int MaxLifetime = 43_200;

    public const string PolicyDefaults = "policy defaults";

    public string Format()
    {
        var parts = new List<string>(4);
        if (FromHireDate)
        {
            parts.Add(HireDate is { } h ? "hireDate=" + Iso(h) : "start=" + HireDateWord);
        }

        if (Start is { } s)
        {
            parts.Add("start=" + Iso(s));
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
        DateTimeOffset? start = null, hireDate = null;
        int? lifetime = null;
        bool? once = null;
        var fromHireDate = false;
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            switch (kv[0])
            {
                case "start" when kv.Length == 2 && kv[1] == HireDateWord:
                    fromHireDate = true;
                    break;
                case "hireDate" when kv.Length == 2:
                    (fromHireDate, hireDate) = (true, DateTimeOffset.Parse(kv[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
                    break;
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

        return new TapSpec(start, lifetime, once, fromHireDate, hireDate);
    }

    /// <summary>TapStart hireDate, planned: the pass starts at the hire date, or now (Graph's default) when that has passed.</summary>
    public TapSpec AtHireDate(DateTimeOffset hireDate, DateTimeOffset now) =>
        this with { HireDate = hireDate, Start = hireDate > now ? hireDate.ToUniversalTime() : null };

    /// <summary>Every instant in UTC: what is sent and what the audit shows never depends on this computer's time zone.</summary>
    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

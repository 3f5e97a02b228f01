using System.Globalization;

namespace BulkRegistrar.Status;

/// <summary>
/// For a run folder: what became of the pass that run issued a user (its id is in the apply audit's <c>issuedId</c>), from
/// Graph's <c>methodUsabilityReason</c>. Graph says a one-time pass was used (<c>OneTimeUsed</c>); of a reusable pass it says
/// only whether it can still be used, so that is all status claims. Each verdict has a key (summary.json's
/// <c>status.passes</c>) and a sentence.
/// </summary>
internal static class PassUse
{
    public const string Used = "used";
    public const string Unused = "unused";
    public const string Usable = "usable";
    public const string Expired = "expired";
    public const string NotYetValid = "notYetValid";
    public const string Disabled = "disabledByPolicy";
    public const string Replaced = "replaced";
    public const string Gone = "gone";

    /// <param name="issuedId">The pass the run issued; null when its audit predates <c>issuedId</c> (then the user's pass, if any, is judged).</param>
    public static (string Key, string Sentence) Judge(string? issuedId, PassState? now)
    {
        if (now is null)
        {
            return (Gone, "The pass this run issued is gone (deleted, or removed by the tenant).");
        }

        if (issuedId is not null && !string.Equals(issuedId, now.Id, StringComparison.OrdinalIgnoreCase))
        {
            return (Replaced, $"The pass this run issued was replaced by another one (valid {Span(now)}).");
        }

        var which = issuedId is null ? "The user's current pass (this run's audit does not record which pass it issued)" : "The pass this run issued";
        return now.Reason switch
        {
            "OneTimeUsed" => (Used, $"{which} was used to sign in (one-time pass, spent)."),
            "Expired" => (Expired, $"{which} expired {Show(now.End)}{(now.UsableOnce ? " without being used" : "")}."),
            "NotYetValid" => (NotYetValid, $"{which} is not valid yet (from {Show(now.Start)})."),
            "DisabledByPolicy" => (Disabled, $"{which} is disabled by the tenant's Temporary Access Pass policy."),
            _ when now.UsableOnce => (Unused, $"{which} has not been used; it can be until {Show(now.End)}."),
            _ => (Usable, $"{which} can still be used until {Show(now.End)} (a reusable pass: Graph does not say whether it was used)."),
        };
    }

    private static string Span(PassState p) => $"{Show(p.Start)} to {Show(p.End)}";

    private static string Show(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
}

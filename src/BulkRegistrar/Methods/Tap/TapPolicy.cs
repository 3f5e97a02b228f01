using System.Globalization;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.Tap;

/// <summary>
/// The pass under the tenant's Temporary Access Pass configuration (docs/graph-behaviour.md §12): its state and targets are
/// judged by the generic check; here its own settings. A lifetime outside <c>minimumLifetimeInMinutes</c>..<c>maximumLifetimeInMinutes</c>
/// is refused before sending (Graph would answer 400 "Invalid LifetimeInMinutes specified"), or with --clamp-tap-lifetime sent at the
/// nearest bound; a multi-use pass while the policy says <c>isUsableOnce</c> is refused (never turned one-time behind the row's back).
/// A row without a lifetime sends none, and Graph uses <c>defaultLifetimeInMinutes</c>, which plan names.
/// </summary>
internal sealed partial class TapMethod
{
    public const string PolicyId = "TemporaryAccessPass";

    public override string? PolicyConfigurationId => PolicyId;

    public override bool AskedByFlags(MethodDefaults flags) => flags.IssueTap;

    public override PolicyUse? PolicyFor(PlannedOperation op) => new(PolicyId, "the Temporary Access Pass");

    public override PolicyFit? FitToPolicy(PlannedOperation op, MethodConfiguration config, bool clamp)
    {
        var spec = TapSpec.Parse(op.Value);
        var where = $"the tenant's Temporary Access Pass policy ({config.Id})";
        if (spec.UsableOnce == false && config.Bool("isUsableOnce") == true)
        {
            return new PolicyFit(ErrorCodes.TapMultiUseNotAllowedByPolicy,
                $"{Capital(where)} has isUsableOnce true, so every pass is one-time, and this row asks for a multi-use pass (TapUsableOnce false).");
        }

        var (min, max) = (config.Int("minimumLifetimeInMinutes"), config.Int("maximumLifetimeInMinutes"));
        if (spec.LifetimeMinutes is { } asked && (asked < min || asked > max))
        {
            var bounds = $"{Text(min) ?? "any"} to {Text(max) ?? "any"} minutes";
            if (!clamp)
            {
                return new PolicyFit(ErrorCodes.TapLifetimeOutsidePolicy,
                    $"{Capital(where)} allows lifetimes of {bounds} (minimumLifetimeInMinutes, maximumLifetimeInMinutes); this row asks for {asked}. "
                    + "Change the lifetime, or run with --clamp-tap-lifetime to use the nearest bound.");
            }

            var fitted = asked < min ? min!.Value : max!.Value;
            return new PolicyFit(Value: (spec with { LifetimeMinutes = fitted }).Format(),
                Warning: $"Lifetime {asked} minutes is outside {where}'s {bounds}; clamped to {fitted} (--clamp-tap-lifetime).");
        }

        if (spec.LifetimeMinutes is null && config.Int("defaultLifetimeInMinutes") is { } lifetime)
        {
            var once = spec.UsableOnce is null && config.Bool("isUsableOnce") is { } o ? $", {(o ? "one-time" : "multi-use")}" : "";
            return new PolicyFit(Note: $" Its lifetime would be the policy's default, {Text(lifetime)} minutes{once}.");
        }

        return null;
    }

    private static string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}

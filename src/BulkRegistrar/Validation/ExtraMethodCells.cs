using System.Globalization;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// The IssueTap/Tap* and ResetPassword cells of a row (or the whole-file flags), judged before
/// anything is sent: a pass whose settings Graph would refuse is <c>Invalid</c> here, with the reason.
/// </summary>
internal static class ExtraMethodCells
{
    public static MethodCheck? Tap(RawRow row, RowAction action, MethodDefaults defaults)
    {
        var input = row.IssueTap ?? (defaults.IssueTap ? "--issue-tap" : null);
        if (input is null)
        {
            return null;
        }

        if (!TryBool(row.IssueTap, defaults.IssueTap, out var issue))
        {
            return Invalid(input, $"The IssueTap column says '{row.IssueTap}'; write true or false (yes/no also work), or leave it empty.");
        }

        if (!issue)
        {
            return null;
        }

        if (action == RowAction.Remove)
        {
            return Invalid(input, "A Temporary Access Pass is issued on register rows only; this row removes methods. Put the pass on a row of its own.");
        }

        DateTimeOffset? start = null;
        if ((row.TapStart ?? defaults.TapStart) is { } startText)
        {
            var parsed = TapStartText.Parse(startText, defaults.Zone, row.TapStart is null ? "--tap-start" : "TapStart");
            if (parsed.Problem is { } problem)
            {
                return Invalid(input, problem);
            }

            start = parsed.Start;
        }

        int? lifetime = null;
        if ((row.TapLifetimeMinutes ?? defaults.TapLifetimeMinutes) is { } lifeText)
        {
            var source = row.TapLifetimeMinutes is null ? "--tap-lifetime" : "TapLifetimeMinutes";
            var number = int.TryParse(lifeText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes);
            if (!number || minutes is < TapSpec.MinLifetime or > TapSpec.MaxLifetime)
            {
                // "60.5", "1h" or "8 hours" is not out of range: it is no number of minutes at all.
                return Invalid(input, $"{source} '{lifeText}' {(number ? "is outside what Graph allows" : "is not a whole number of minutes")}: write a whole number of minutes from {TapSpec.MinLifetime} to {TapSpec.MaxLifetime} (30 days); the tenant's policy may allow less.");
            }

            lifetime = minutes;
        }

        bool? once = null;
        if ((row.TapUsableOnce ?? defaults.TapUsableOnce) is { } onceText)
        {
            if (!CellVocabulary.TryParseSwitch(onceText, out var usableOnce))
            {
                return Invalid(input, $"{(row.TapUsableOnce is null ? "--tap-usable-once" : "TapUsableOnce")} '{onceText}' is not true or false.");
            }

            once = usableOnce;
        }

        return new MethodCheck(MethodKind.TemporaryAccessPass, input, new TapSpec(start, lifetime, once).Format());
    }

    public static MethodCheck? ResetPassword(RawRow row, RowAction action, MethodDefaults defaults)
    {
        var input = row.ResetPassword ?? (defaults.ResetPassword ? "--reset-password" : null);
        if (input is null)
        {
            return null;
        }

        if (!TryBool(row.ResetPassword, defaults.ResetPassword, out var reset))
        {
            return new MethodCheck(MethodKind.Password, input, null, ErrorCodes.InvalidResetPassword,
                $"The ResetPassword column says '{row.ResetPassword}'; write true or false, or leave it empty. A new password is never read from the CSV.");
        }

        if (!reset)
        {
            return null;
        }

        return action == RowAction.Remove
            ? new MethodCheck(MethodKind.Password, input, null, ErrorCodes.InvalidResetPassword, "A password is reset on register rows only; this row removes methods.")
            : new MethodCheck(MethodKind.Password, input, "reset");
    }

    private static bool TryBool(string? cell, bool fallback, out bool value)
    {
        value = fallback;
        if (cell is null)
        {
            return true;
        }

        return CellVocabulary.TryParseSwitch(cell, out value);
    }

    private static MethodCheck Invalid(string input, string message) =>
        new(MethodKind.TemporaryAccessPass, input, null, ErrorCodes.InvalidTap, message);
}

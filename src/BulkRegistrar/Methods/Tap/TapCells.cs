using System.Globalization;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.Tap;

/// <summary>
/// A pass's cells — IssueTap, TapStart, TapLifetimeMinutes, TapUsableOnce — or the whole-file flags that fill the ones a
/// row leaves blank, judged before anything is sent: a pass whose settings Graph would refuse is <c>Invalid</c> here, with the
/// reason and the name it was given under (the column, or the option).
/// </summary>
internal sealed partial class TapMethod
{
    public static MethodColumn IssueCell { get; } = new("IssueTap", "IssueTap", "Issue TAP", "TemporaryAccessPass", "Temporary Access Pass");

    public static MethodColumn StartCell { get; } = new("TapStart", "TapStart", "TAP start", "TapStartDate");

    public static MethodColumn LifetimeCell { get; } = new("TapLifetimeMinutes", "TapLifetimeMinutes", "TAP lifetime", "TapLifetime");

    public static MethodColumn UsableOnceCell { get; } = new("TapUsableOnce", "TapUsableOnce", "TAP usable once", "TapOneTime");

    public override IReadOnlyList<MethodColumn> Columns => [IssueCell, StartCell, LifetimeCell, UsableOnceCell];

    public override MethodCheck? Check(RowCells row)
    {
        var defaults = row.Defaults;
        var issueCell = row[IssueCell];
        var input = issueCell ?? (defaults.IssueTap ? "--issue-tap" : null);
        if (input is null)
        {
            return null;
        }

        if (!CellVocabulary.TryParseSwitch(issueCell, defaults.IssueTap, out var issue))
        {
            return Invalid(input, $"The IssueTap column says '{issueCell}'; write true or false (yes/no also work), or leave it empty.");
        }

        if (!issue)
        {
            return null;
        }

        if (row.Action == RowAction.Remove)
        {
            return Invalid(input, "A Temporary Access Pass is issued on register rows only; this row removes methods. Put the pass on a row of its own.");
        }

        DateTimeOffset? start = null;
        var fromHireDate = false;
        if ((row[StartCell] ?? defaults.TapStart) is { } hire && string.Equals(hire, TapSpec.HireDateWord, StringComparison.OrdinalIgnoreCase))
        {
            fromHireDate = true; // the user's employeeHireDate, read with the lookup and planned then (TapMethod.Plan)
        }
        else if ((row[StartCell] ?? defaults.TapStart) is { } startText)
        {
            var parsed = TapStartText.Parse(startText, defaults.Zone, row[StartCell] is null ? "--tap-start" : StartCell.Key);
            if (parsed.Problem is { } problem)
            {
                return Invalid(input, problem);
            }

            start = parsed.Start;
        }

        int? lifetime = null;
        if ((row[LifetimeCell] ?? defaults.TapLifetimeMinutes) is { } lifeText)
        {
            var source = row[LifetimeCell] is null ? "--tap-lifetime" : LifetimeCell.Key;
            var number = int.TryParse(lifeText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes);
            if (!number || minutes is < TapSpec.MinLifetime or > TapSpec.MaxLifetime)
            {
                // "60.5", "1h" or "8 hours" is not out of range: it is no number of minutes at all.
                return Invalid(input, $"{source} '{lifeText}' {(number ? "is outside what Graph allows" : "is not a whole number of minutes")}: "
                    + $"write a whole number of minutes from {TapSpec.MinLifetime} to {TapSpec.MaxLifetime} (30 days); the tenant's policy may allow less.");
            }

            lifetime = minutes;
        }

        bool? once = null;
        if ((row[UsableOnceCell] ?? defaults.TapUsableOnce) is { } onceText)
        {
            if (!CellVocabulary.TryParseSwitch(onceText, out var usableOnce))
            {
                return Invalid(input, $"{(row[UsableOnceCell] is null ? "--tap-usable-once" : UsableOnceCell.Key)} '{onceText}' is not true or false.");
            }

            once = usableOnce;
        }

        return new MethodCheck(Kind, input, new TapSpec(start, lifetime, once, fromHireDate).Format());
    }

    private MethodCheck Invalid(string input, string message) => new(Kind, input, null, ErrorCodes.InvalidTap, message);
}

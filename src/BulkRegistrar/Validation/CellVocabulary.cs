using System.Collections.Frozen;
using BulkRegistrar.Audit;

namespace BulkRegistrar.Validation;

/// <summary>
/// The words people type into the Action, PhoneType and SmsSignIn columns. Matching ignores case
/// (all three), and spaces, '-' and '_' (PhoneType: "Alternate mobile", "alternate_mobile").
/// </summary>
internal static class CellVocabulary
{
    private static readonly FrozenDictionary<string, RowAction> Actions = new Dictionary<string, RowAction>
    {
        ["register"] = RowAction.Register,
        ["add"] = RowAction.Register,
        ["remove"] = RowAction.Remove,
        ["delete"] = RowAction.Remove,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, MethodKind> PhoneTypes = new Dictionary<string, MethodKind>
    {
        ["mobile"] = MethodKind.Mobile,
        ["mobilephone"] = MethodKind.Mobile,
        ["cell"] = MethodKind.Mobile,
        ["cellphone"] = MethodKind.Mobile,
        ["alternatemobile"] = MethodKind.AlternateMobile,
        ["alternatemobilephone"] = MethodKind.AlternateMobile,
        ["office"] = MethodKind.Office,
        ["officephone"] = MethodKind.Office,
        ["business"] = MethodKind.Office,
        ["businessphone"] = MethodKind.Office,
        ["work"] = MethodKind.Office,
        ["workphone"] = MethodKind.Office,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Excel writes TRUE/FALSE for a checkbox column and 1/0 after a numeric format; both mean the obvious.
    private static readonly FrozenDictionary<string, string> SmsStates = new Dictionary<string, string>
    {
        ["true"] = "enable",
        ["enable"] = "enable",
        ["enabled"] = "enable",
        ["yes"] = "enable",
        ["y"] = "enable",
        ["1"] = "enable",
        ["false"] = "disable",
        ["disable"] = "disable",
        ["disabled"] = "disable",
        ["no"] = "disable",
        ["n"] = "disable",
        ["0"] = "disable",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>An empty cell means Register: the common case needs no column at all.</summary>
    public static bool TryParseAction(string? cell, out RowAction action)
    {
        action = RowAction.Register;
        return cell is null || Actions.TryGetValue(cell, out action);
    }

    public static bool TryParsePhoneType(string cell, out MethodKind method)
    {
        if (PhoneTypes.TryGetValue(cell, out method))
        {
            return true;
        }

        var squeezed = string.Concat(cell.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_')));
        return PhoneTypes.TryGetValue(squeezed, out method);
    }

    /// <summary><c>enable</c> or <c>disable</c>, or null when the word is not one we know.</summary>
    public static string? ParseSmsSignIn(string cell) => SmsStates.GetValueOrDefault(cell);
}

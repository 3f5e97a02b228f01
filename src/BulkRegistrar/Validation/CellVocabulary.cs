using System.Collections.Frozen;

namespace BulkRegistrar.Validation;

/// <summary>
/// The words people type into the Action, PhoneType and yes/no columns (SmsSignIn, IssueTap, TapUsableOnce,
/// ResetPassword). Matching ignores case (all of them), and spaces, '-' and '_' (PhoneType: "Alternate mobile",
/// "alternate_mobile"). The PhoneType words are each method's (<see cref="ICellRules.TypeWords"/>).
/// </summary>
internal static class CellVocabulary
{
    private static readonly FrozenDictionary<string, RowAction> Actions = new Dictionary<string, RowAction>
    {
        ["register"] = RowAction.Register,
        ["add"] = RowAction.Register,
        ["remove"] = RowAction.Remove,
        ["delete"] = RowAction.Remove,
        ["reregister"] = RowAction.Reregister,
        ["re-register"] = RowAction.Reregister,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, MethodKind> PhoneTypes = MethodRegistry<ICellRules>.All
        .SelectMany(m => m.TypeWords.Select(word => (word, m.Kind)))
        .ToFrozenDictionary(p => p.word, p => p.Kind, StringComparer.OrdinalIgnoreCase);

    // Excel writes TRUE/FALSE for a checkbox column and 1/0 after a numeric format; both mean the obvious.
    private static readonly FrozenDictionary<string, bool> Switches = new Dictionary<string, bool>
    {
        ["true"] = true,
        ["enable"] = true,
        ["enabled"] = true,
        ["yes"] = true,
        ["y"] = true,
        ["1"] = true,
        ["false"] = false,
        ["disable"] = false,
        ["disabled"] = false,
        ["no"] = false,
        ["n"] = false,
        ["0"] = false,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>What PhoneType may say, for a message: "mobile, alternateMobile or office".</summary>
    public static string PhoneTypeChoices { get; } = Choices([.. MethodRegistry<ICellRules>.All.Where(m => m.TypeWords.Count > 0).Select(m => m.Name)]);

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

    /// <summary>A yes/no cell: on or off, or false when the word is not one we know.</summary>
    public static bool TryParseSwitch(string cell, out bool on) => Switches.TryGetValue(cell, out on);

    /// <summary>A yes/no cell that may be blank: then <paramref name="fallback"/> (the whole-file flag).</summary>
    public static bool TryParseSwitch(string? cell, bool fallback, out bool on)
    {
        on = fallback;
        return cell is null || TryParseSwitch(cell, out on);
    }

    private static string Choices(string[] names) => names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
}

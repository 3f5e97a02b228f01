namespace BulkRegistrar;

/// <summary>
/// The one spelling of each <see cref="MethodKind"/>: Graph's camelCase names (<c>phoneType</c> says
/// <c>mobile</c>, <c>alternateMobile</c>, <c>office</c>), which the audit's <c>method</c> field and the
/// messages that name a phone type use as they are, so a user sees the same word everywhere.
/// </summary>
internal static class MethodNames
{
    // Indexed by the enum's value: the audit writes millions of these, and a switch per call is needless.
    private static readonly string[] Names =
        ["none", "mobile", "alternateMobile", "office", "email", "smsSignIn", "temporaryAccessPass", "password"];

    public static string Of(MethodKind method) =>
        (uint)method < (uint)Names.Length ? Names[(int)method] : throw new ArgumentOutOfRangeException(nameof(method), method, null);

    /// <summary>The kind a name stands for (exact spelling, as Graph and the audit write it).</summary>
    public static bool TryParse(string? name, out MethodKind method)
    {
        var i = name is null ? -1 : Array.IndexOf(Names, name);
        method = i < 0 ? MethodKind.None : (MethodKind)i;
        return i >= 0;
    }

    /// <summary>A phone type as Graph's <c>phoneType</c> gives it, or null for anything else.</summary>
    public static MethodKind? PhoneType(string? name) =>
        TryParse(name, out var method) && method is MethodKind.Mobile or MethodKind.AlternateMobile or MethodKind.Office ? method : null;
}

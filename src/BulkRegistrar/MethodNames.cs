namespace BulkRegistrar;

/// <summary>
/// The one spelling of each <see cref="MethodKind"/>: its description's <see cref="IMethod.Name"/> — Graph's camelCase (<c>phoneType</c> says
/// <c>mobile</c>, <c>alternateMobile</c>, <c>office</c>) — which the audit's <c>method</c> field and the messages that name a
/// method use as they are, so a user sees the same word everywhere; <c>none</c> for a row-level record.
/// </summary>
internal static class MethodNames
{
    private const string None = "none";

    // Indexed by the enum's value: the audit writes millions of these, and a lookup per call is needless.
    private static readonly string[] Names = Build();

    public static string Of(MethodKind method) =>
        (uint)method < (uint)Names.Length ? Names[(int)method] : throw new ArgumentOutOfRangeException(nameof(method), method, null);

    /// <summary>The kind a name stands for (exact spelling, as Graph and the audit write it).</summary>
    public static bool TryParse(string? name, out MethodKind method)
    {
        var i = name is null ? -1 : Array.IndexOf(Names, name);
        method = i < 0 ? default : (MethodKind)i;
        return i >= 0;
    }

    private static string[] Build()
    {
        var names = new string[Enum.GetValues<MethodKind>().Length];
        names[(int)default(MethodKind)] = None;
        foreach (var method in MethodRegistry<IMethod>.All)
        {
            names[(int)method.Kind] = method.Name;
        }

        return names;
    }
}

using System.Text.RegularExpressions;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Privacy;

/// <summary>An authentication method as masking sees it (each description in <c>Methods/</c> is one): how its values may show.</summary>
internal interface IMaskedMethod : IMethod
{
    /// <summary>A value of this method as the console, logs and the report may show it.</summary>
    string Mask(string value);
}

/// <summary>What a record's input may look like on a console or in a log: each method's values as its description masks them.</summary>
internal static partial class Masking
{
    public static string? ForDisplay(MethodKind method, string? value) =>
        value is null ? null : MethodRegistry<IMaskedMethod>.Find(method)?.Mask(value) ?? value;

    /// <summary>
    /// Free text for the console (messages, Graph's own error text): anything that looks like a phone
    /// number is masked, so a number quoted by Graph cannot reach the screen or a log in full.
    /// </summary>
    public static string? Text(string? text) => text is null ? null
        : PhoneLike().Replace(text, m => DateLike().IsMatch(m.Value) ? m.Value : PhoneMask.MaskRaw(m.Value));

    // Not inside a word: "AADSTS7000215" and the digit runs of a GUID are codes, not phone numbers.
    [GeneratedRegex(@"(?<![A-Za-z0-9])\+?[0-9][0-9 ()\-]{5,}[0-9]")]
    private static partial Regex PhoneLike();

    // A date (2027-03-28, with the hour of "2027-03-28 01:30" before its colon) or a run folder's stamp
    // (20260301-020000, perhaps with the inbox's -2): masked, the advice "write 2027-03-28T01:30Z" and the
    // path in "apply --resume runs/20260301-020000-hires" could not be followed.
    [GeneratedRegex(@"^(19|20)[0-9]{2}(
            -(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(\ ([01][0-9]|2[0-3]))?
          | (0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])-([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9](-[0-9]{1,3})?
        )$", RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DateLike();
}

using System.Text.RegularExpressions;
using BulkRegistrar.Methods;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Privacy;

/// <summary>What a record's input may look like on a console or in a log: each method's values as its description masks them.</summary>
internal static partial class Masking
{
    public static string? ForDisplay(MethodKind method, string? value) => value is null ? null : AuthMethods.Find(method)?.Mask(value) ?? value;

    /// <summary>
    /// Free text for the console (messages, Graph's own error text): anything that looks like a phone
    /// number is masked, so a number quoted by Graph cannot reach the screen or a log in full.
    /// </summary>
    public static string? Text(string? text) => text is null ? null : PhoneLike().Replace(text, m => PhoneMask.MaskRaw(m.Value));

    // Not inside a word: "AADSTS7000215" and the digit runs of a GUID are codes, not phone numbers.
    [GeneratedRegex(@"(?<![A-Za-z0-9])\+?[0-9][0-9 ()\-]{5,}[0-9]")]
    private static partial Regex PhoneLike();
}

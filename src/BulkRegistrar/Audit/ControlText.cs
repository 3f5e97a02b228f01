using System.Buffers;
using System.Globalization;
using System.Text;

namespace BulkRegistrar.Audit;

/// <summary>
/// Text from the input file shown to a person — on the console or in <c>audit.csv</c> — with every
/// C0/C1 control character and every bidirectional override or mark written as a visible
/// <c>{U+XXXX}</c>. An ESC in a user cell could otherwise paint a fake green "OK" on the terminal,
/// a NUL could cut a spreadsheet cell short, and U+202E could make a UPN read backwards.
/// <c>audit.jsonl</c> keeps the original, JSON-escaped.
/// </summary>
internal static class ControlText
{
    // U+061C, U+200E/200F, U+202A–202E, U+2066–2069: the characters that reorder or mark text direction.
    private static readonly SearchValues<char> Bidi = SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static bool IsUnsafe(char c) => char.IsControl(c) || Bidi.Contains(c);

    public static bool IsBidi(char c) => Bidi.Contains(c);

    public static bool ContainsBidi(string text) => text.AsSpan().ContainsAny(Bidi);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Escape(string? text)
    {
        if (text is null || !NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                builder.Append("{U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('}');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>Encoding names from configuration or <c>--encoding</c>, and byte order marks.</summary>
internal static class CsvEncodings
{
    static CsvEncodings()
    {
        // windows-1252 and the other code pages Excel writes are not built into .NET.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Resolves a name such as <c>windows-1252</c>; bad bytes in it throw instead of becoming U+FFFD.</summary>
    public static bool TryResolve(string name, out Encoding encoding)
    {
        encoding = null!;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            encoding = Encoding.GetEncoding(name.Trim(), EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return false; // NotSupportedException: a name .NET knows but refuses to decode (utf-7, disabled since .NET 5)
        }
    }

    /// <summary>The CLI's <c>--encoding</c>, else <c>Csv:Encoding</c>, else null (UTF-8).</summary>
    /// <exception cref="InputFileException">The name is not an encoding.</exception>
    public static Encoding? Resolve(CsvOptions options, string? encodingOverride)
    {
        var (source, name) = encodingOverride is not null
            ? ("--encoding", encodingOverride)
            : ("Csv:Encoding", options.Encoding);
        if (name is null)
        {
            return null;
        }

        return TryResolve(name, out var encoding)
            ? encoding
            : throw new InputFileException(UnknownMessage(source, name));
    }

    public static string UnknownMessage(string source, string name) =>
        $"{source} '{name}' is not an encoding this system knows; use a name such as utf-8, utf-16, windows-1252 or iso-8859-1.";

    public static bool IsUtf8(Encoding encoding) => encoding.CodePage == Encoding.UTF8.CodePage;

    /// <summary>UTF-16 or UTF-32 (either byte order): encodings whose text of Latin letters is full of zero bytes.</summary>
    public static bool IsWide(Encoding encoding) => encoding.CodePage is 1200 or 1201 or 12000 or 12001;

    /// <summary>The encoding a byte order mark at the start of <paramref name="head"/> announces, or null.</summary>
    public static Encoding? FromByteOrderMark(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new UTF8Encoding(true, true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return new UTF32Encoding(false, true, true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new UTF32Encoding(true, true, true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new UnicodeEncoding(false, true, true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UnicodeEncoding(true, true, true);
        }

        return null;
    }

    /// <summary>
    /// <c>utf-16</c> or <c>utf-16BE</c> when the start of a file without a BOM has a NUL in most of
    /// its odd (little-endian) or even (big-endian) bytes, as UTF-16 text of Latin letters does; else null.
    /// </summary>
    public static string? LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
        {
            return null;
        }

        int even = 0, odd = 0;
        for (var i = 0; i + 1 < head.Length; i += 2)
        {
            even += head[i] == 0 ? 1 : 0;
            odd += head[i + 1] == 0 ? 1 : 0;
        }

        var pairs = head.Length / 2;
        return odd * 2 > pairs && even * 4 < pairs ? "utf-16"
            : even * 2 > pairs && odd * 4 < pairs ? "utf-16BE"
            : null;
    }
}

using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>The opened file and how its bytes are to be decoded.</summary>
/// <param name="Source">The file's own bytes (counted for progress, checked when UTF-8).</param>
/// <param name="Utf8">What CsvHelper reads: the file as UTF-8 (transcoded here when it is not), so
/// that the offsets CsvHelper reports are offsets in <see cref="ReplayStream"/>.</param>
internal sealed record FileInput(SourceStream Source, Stream Utf8, long Length, Encoding Encoding, bool HasByteOrderMark)
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary>Opens the file and decides its encoding: a BOM wins, then the override, then UTF-8.</summary>
    /// <exception cref="InputFileException">Missing, unreadable or empty file, a binary file (workbook, archive,
    /// PDF), or UTF-16/UTF-32 without a BOM.</exception>
    public static FileInput Open(string path, Encoding? requested)
    {
        var file = OpenFile(path);
        try
        {
            var length = file.Length;
            if (length == 0)
            {
                throw new InputFileException($"The input file '{path}' is empty: it has no header row.");
            }

            var head = new byte[(int)Math.Min(length, 4096)];
            var headLength = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            file.Seek(0, SeekOrigin.Begin);
            var start = head.AsSpan(0, headLength);
            if (BinaryFormats.Recognise(start) is { } binary)
            {
                // Before any encoding, --encoding included: a workbook decodes "fine" as windows-1252.
                throw new InputFileException($"The file '{path}' {binary}");
            }

            var bom = CsvEncodings.FromByteOrderMark(start);
            if (bom is not null)
            {
                // A BOM is written by the program that knew the encoding; trust it over a guess.
                return CsvEncodings.IsUtf8(bom)
                    ? Utf8Input(file, length, bom, hasBom: true)
                    : Transcoded(file, length, bom, hasBom: true);
            }

            // NUL is valid UTF-8 (and windows-1252), so UTF-16 or UTF-32 text without a BOM would pass and read
            // as garbage with a NUL between letters: refuse it, unless --encoding names such an encoding.
            if (requested is null || !CsvEncodings.IsWide(requested))
            {
                if (BinaryFormats.LooksLikeUtf32WithoutBom(start) is { } utf32)
                {
                    throw new InputFileException(
                        $"The file '{path}' looks like UTF-32 without a byte order mark (three of every four bytes are 0); run again with --encoding {utf32}.");
                }

                if (CsvEncodings.LooksLikeUtf16WithoutBom(start) is { } utf16)
                {
                    throw new InputFileException(
                        $"The file '{path}' looks like UTF-16 without a byte order mark (every other byte is 0); run again with --encoding {utf16}.");
                }
            }

            if (requested is not null && !CsvEncodings.IsUtf8(requested))
            {
                return Transcoded(file, length, requested, hasBom: false);
            }

            return Utf8Input(file, length, StrictUtf8, hasBom: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static FileInput Utf8Input(FileStream file, long length, Encoding encoding, bool hasBom)
    {
        var source = new SourceStream(file, new Utf8Validator());
        return new FileInput(source, source, length, encoding, hasBom);
    }

    private static FileInput Transcoded(FileStream file, long length, Encoding encoding, bool hasBom)
    {
        var source = new SourceStream(file, null);
        // The decoder throws on bytes that are not in the encoding (CsvEncodings sets exception fallbacks).
        var utf8 = Encoding.CreateTranscodingStream(source, encoding, new UTF8Encoding(false), leaveOpen: false);
        return new FileInput(source, utf8, length, encoding, hasBom);
    }

    private static FileStream OpenFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputFileException($"The input path '{path}' is a folder, not a CSV file.");
        }

        try
        {
            // ReadWrite sharing: HR often still has the file open in Excel. No FileStream buffer:
            // CsvHelper reads in 64 KiB blocks of its own.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputFileException($"The input file '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InputFileException($"The input file '{path}' cannot be opened: {e.Message}", e);
        }
    }
}

using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>The opened file and how its bytes are to be decoded.</summary>
/// <param name="TranscodeFrom">What CsvHelper must transcode from, or null when it reads the
/// bytes as they are (UTF-8) or follows a UTF-16/UTF-32 byte order mark itself.</param>
internal sealed record FileInput(SourceStream Stream, long Length, Encoding Encoding, bool HasByteOrderMark, Encoding? TranscodeFrom)
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    /// <summary>Opens the file and decides its encoding: a BOM wins, then the override, then UTF-8.</summary>
    /// <exception cref="InputFileException">Missing, unreadable or empty file.</exception>
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

            Span<byte> head = stackalloc byte[4];
            var headLength = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            file.Seek(0, SeekOrigin.Begin);
            var bom = CsvEncodings.FromByteOrderMark(head[..headLength]);
            if (bom is not null)
            {
                // A BOM is written by the program that knew the encoding; trust it over a guess.
                var utf8 = CsvEncodings.IsUtf8(bom);
                return new FileInput(new SourceStream(file, utf8 ? new Utf8Validator() : null), length, bom, true, null);
            }

            if (requested is not null && !CsvEncodings.IsUtf8(requested))
            {
                return new FileInput(new SourceStream(file, null), length, requested, false, requested);
            }

            return new FileInput(new SourceStream(file, new Utf8Validator()), length, StrictUtf8, false, null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
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

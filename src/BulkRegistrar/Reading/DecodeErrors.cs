using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>The file-level errors for bytes that do not decode.</summary>
internal static class DecodeErrors
{
    public static InputFileException NotUtf8(string path, InvalidUtf8Exception e) =>
        new($"The file '{path}' is not valid UTF-8 (first bad byte 0x{e.Value:X2} at offset {e.Offset}, line {LineAt(path, e.Offset)}); " +
            "if it was saved by Excel as \"CSV\" on Windows, run again with --encoding windows-1252.", e);

    public static InputFileException NotInEncoding(string path, Encoding encoding, DecoderFallbackException e) =>
        new($"The file '{path}' contains bytes that are not valid {encoding.WebName}; run again with the --encoding the file was saved in (such as "
            + $"utf-8 or windows-1252).", e);

    // Counted only when the error happens, by reading the file again up to the bad byte, so the
    // happy path does not count line breaks twice (CsvHelper already does, per record).
    private static long LineAt(string path, long offset)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[64 * 1024];
            long line = 1, position = 0;
            while (position < offset)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, offset - position));
                if (read == 0)
                {
                    break;
                }

                line += buffer.AsSpan(0, read).Count((byte)'\n');
                position += read;
            }

            return line;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

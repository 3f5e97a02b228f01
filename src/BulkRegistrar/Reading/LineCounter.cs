using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>Counts the physical lines of a file that could not be read through, for summary.json.</summary>
internal static class LineCounter
{
    /// <param name="encoding">The file's encoding when known; bytes that do not decode count as text.</param>
    public static long Count(string path, Encoding? encoding)
    {
        try
        {
            var lenient = Encoding.GetEncoding((encoding ?? Encoding.UTF8).CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
            using var reader = new StreamReader(path, lenient, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[64 * 1024];
            long breaks = 0;
            var last = '\n';
            var lastWasCr = false;
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var c = buffer[i];
                    if (c == '\r' || (c == '\n' && !lastWasCr))
                    {
                        breaks++;
                    }

                    lastWasCr = c == '\r';
                }

                last = buffer[read - 1];
            }

            return breaks + (last is '\n' or '\r' ? 0 : 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // the file cannot be read at all: it has no lines the run could have read
        }
    }
}

using System.Text;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

/// <summary>A real file in a fresh temp folder, deleted with the folder on dispose.</summary>
internal sealed class TempCsv : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reading-").FullName;

    public TempCsv(byte[] bytes, string name = "input.csv")
    {
        Path = System.IO.Path.Combine(_folder, name);
        File.WriteAllBytes(Path, bytes);
    }

    public string Path { get; }

    /// <summary>UTF-8 without BOM, with the raw string's \n line ends kept as they are.</summary>
    public static TempCsv Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The text in <paramref name="encoding"/>, led by its preamble (BOM) when <paramref name="bom"/>.</summary>
    public static TempCsv With(Encoding encoding, string text, bool bom) =>
        new([.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)]);

    public (CsvRowReader Reader, List<RawRow> Rows) ReadAll(CsvOptions? options = null, string? encoding = null)
    {
        var reader = CsvRowReader.Open(Path, options ?? new CsvOptions(), encoding);
        return (reader, [.. reader.ReadRows()]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

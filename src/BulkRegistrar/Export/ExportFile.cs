using System.Text;
using BulkRegistrar.Audit;

namespace BulkRegistrar.Export;

/// <summary>
/// The export's CSV: UTF-8 without BOM, comma, the header apply reads, RFC 4180 quoting (a cell with a
/// comma, quote or line break is quoted, quotes doubled) — the handful of lines that needs is clearer here
/// than a writer configuration. The file holds people's phone
/// numbers unmasked (it is data, meant to be applied), so it is created for its owner only — mode 0600 on
/// Unix, set at creation so there is no moment when others could open it; on Windows it inherits the
/// folder's ACL. An existing file is never overwritten (it may be the only backup someone has).
/// </summary>
internal sealed class ExportFile : IDisposable
{
    private readonly StreamWriter _file;

    private ExportFile(StreamWriter file) => _file = file;

    public long Rows { get; private set; }

    /// <exception cref="IOException">The file exists or cannot be created.</exception>
    /// <param name="beta">--beta: the header has the beta methods' columns too (<see cref="ExportRow.WithBeta"/>).</param>
    public static ExportFile Create(string path, bool beta = false)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new ExportFile(new StreamWriter(new FileStream(path, options), new UTF8Encoding(false)));
        file.Line([.. ExportRow.HeaderOf(ExportRow.Of(beta))]);
        return file;
    }

    public void Write(ExportRow row)
    {
        Line([row.User, .. row.Cells]);
        Rows++;
    }

    public void Dispose() => _file.Dispose();

    private void Line(string?[] cells)
    {
        _file.Write(string.Join(',', cells.Select(SpreadsheetCell.Quote)));
        _file.Write('\n');
    }
}

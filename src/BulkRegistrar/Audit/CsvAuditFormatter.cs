using System.Globalization;
using CsvHelper;

namespace BulkRegistrar.Audit;

/// <summary>
/// <c>audit.csv</c>: the same records for people. UTF-8 with BOM so Excel opens it with the right
/// encoding; cells neutralised by <see cref="SpreadsheetCell"/> rather than CsvHelper's injection
/// escaping, which would also prefix phone numbers.
/// </summary>
internal sealed class CsvAuditFormatter : IAuditFormatter
{
    private static readonly string[] Header =
    [
        "line", "user", "method", "input", "normalized", "outcome", "error", "message", "warning",
        "httpStatus", "graphError", "requestId", "attempts", "durationMs", "target", "clientRequestId",
    ];

    private readonly CsvWriter _csv;
    private readonly string? _target;

    /// <param name="append">A resumed run: records go after the existing ones (no second BOM or header).</param>
    public CsvAuditFormatter(string path, string? target = null, bool append = false)
    {
        _target = target;
        Path = System.IO.Path.GetFullPath(path);
        if (append)
        {
            _csv = CsvWriter.Create(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read),
                new CsvWriterOptions { WriteByteOrderMark = false, Injection = CsvInjection.None }, false);
            return;
        }

        _csv = CsvWriter.ToFile(path, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.None });
        _csv.WriteHeader(Header);
    }

    public string Path { get; }

    public void Write(AuditRecord r)
    {
        _csv.WriteField(r.Line.ToString(CultureInfo.InvariantCulture));
        Field(r.User);
        _csv.WriteField(AuditNames.Of(r.Method));
        Field(r.Input);
        Field(r.Normalized);
        _csv.WriteField(AuditNames.Of(r.Outcome));
        Field(r.Error);
        Field(r.Message);
        Field(r.Warning);
        Field(r.HttpStatus?.ToString(CultureInfo.InvariantCulture));
        Field(r.GraphError);
        Field(r.RequestId);
        Field(r.Attempts?.ToString(CultureInfo.InvariantCulture));
        Field(r.DurationMs?.ToString(CultureInfo.InvariantCulture));
        Field(_target);
        Field(r.ClientRequestId);
        _csv.EndRecord();
    }

    public void Flush() => _csv.Flush();

    public void Dispose() => _csv.Dispose();

    private void Field(string? value) => _csv.WriteField(SpreadsheetCell.Neutralise(value) ?? string.Empty);
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BulkRegistrar.Audit;

/// <summary>
/// <c>audit.jsonl</c>: one JSON object per record, camelCase, nulls written explicitly so every
/// line has the same shape. Records are built in memory and reach the file in 64 KiB writes:
/// <see cref="Utf8JsonWriter.Flush"/> on a stream would flush the file once per record (a system
/// call each; it made the audit the slowest stage of a million-row run).
/// </summary>
internal sealed class JsonlAuditFormatter : IAuditFormatter
{
    private const int DrainAt = 64 * 1024;
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(DrainAt * 2);
    private readonly Utf8JsonWriter _json;

    private readonly string? _target;

    /// <param name="target">The run's target (kind), written on every record so a record read alone still says where it went.</param>
    /// <param name="append">A resumed run: records go after the journal's (already truncated to whole lines).</param>
    public JsonlAuditFormatter(string path, string? target = null, bool append = false)
    {
        _target = target;
        _stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        // Relaxed escaping keeps "+44 7911123456" readable instead of "\u002B44…".
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public string Path => _stream.Name;

    public void Write(AuditRecord r)
    {
        _json.WriteStartObject();
        _json.WriteNumber(Names.Line, r.Line);
        WriteString(Names.User, r.User);
        _json.WriteString(Names.Method, AuditNames.Of(r.Method));
        WriteString(Names.Input, r.Input);
        WriteString(Names.Normalized, r.Normalized);
        _json.WriteString(Names.Outcome, AuditNames.Of(r.Outcome));
        WriteString(Names.Error, r.Error);
        WriteString(Names.Message, r.Message);
        WriteString(Names.Warning, r.Warning);
        WriteNumber(Names.HttpStatus, r.HttpStatus);
        WriteString(Names.GraphError, r.GraphError);
        WriteString(Names.RequestId, r.RequestId);
        WriteNumber(Names.Attempts, r.Attempts);
        WriteNumber(Names.DurationMs, r.DurationMs);
        WriteString(Names.Target, _target);
        WriteString(Names.ClientRequestId, r.ClientRequestId);
        WriteString(Names.Previous, r.Previous);
        WriteString(Names.IssuedId, r.IssuedId);
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= DrainAt)
        {
            Drain();
        }
    }

    public void Flush()
    {
        Drain();
        _stream.Flush(flushToDisk: false);
    }

    private void Drain()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    public void Dispose()
    {
        try
        {
            Flush();
        }
        finally
        {
            _json.Dispose();
            try
            {
                _stream.Dispose();
            }
            catch (IOException)
            {
                // Its buffer could not be written (the Flush above already said why); the handle is closed all the same.
            }
        }
    }

    private void WriteString(JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            _json.WriteNull(name);
        }
        else if (ControlText.ContainsBidi(value))
        {
            // The encoder escapes C0/C1 controls but writes bidi overrides as they are; escape them
            // too, so that viewing the file cannot reorder it. The value is kept, only escaped.
            _json.WritePropertyName(name);
            _json.WriteRawValue(EscapeBidi(JsonSerializer.Serialize(value, StringJson)), skipInputValidation: true);
        }
        else
        {
            _json.WriteString(name, value);
        }
    }

    private static readonly JsonSerializerOptions StringJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string EscapeBidi(string json)
    {
        var builder = new System.Text.StringBuilder(json.Length + 12);
        foreach (var c in json)
        {
            builder.Append(ControlText.IsBidi(c) ? $"\\u{(int)c:X4}" : c);
        }

        return builder.ToString();
    }

    private void WriteNumber(JsonEncodedText name, long? value)
    {
        if (value is { } v)
        {
            _json.WriteNumber(name, v);
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    /// <summary>Property names encoded once: a name given as a string is transcoded and checked for escaping on every write,
    /// 18 times a record (a visible share of a million-row validate's CPU).</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public static readonly JsonEncodedText Input = JsonEncodedText.Encode("input");
        public static readonly JsonEncodedText Normalized = JsonEncodedText.Encode("normalized");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Warning = JsonEncodedText.Encode("warning");
        public static readonly JsonEncodedText HttpStatus = JsonEncodedText.Encode("httpStatus");
        public static readonly JsonEncodedText GraphError = JsonEncodedText.Encode("graphError");
        public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
        public static readonly JsonEncodedText Attempts = JsonEncodedText.Encode("attempts");
        public static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("durationMs");
        public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
        public static readonly JsonEncodedText ClientRequestId = JsonEncodedText.Encode("clientRequestId");
        public static readonly JsonEncodedText Previous = JsonEncodedText.Encode("previous");
        public static readonly JsonEncodedText IssuedId = JsonEncodedText.Encode("issuedId");
    }
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BulkRegistrar.Audit;

/// <summary>
/// <c>intents.jsonl</c>, the write-ahead journal: before a <c>$batch</c> holding writes leaves, one line per write
/// (line, method, user, operation, the batch's client-request-id) is appended and pushed to the operating system.
/// If that fails (a full disk, a read-only file), the batch is not sent and the run stops: a write whose intent
/// cannot be recorded must not leave, so every write the tenant applied is in this file even when the audit
/// itself could not be written. The audit settles each intent; <c>apply --resume</c> re-reads the users of
/// intents the audit does not settle (they may have landed), so nothing is lost and nothing is sent twice.
/// The file holds no phone number or secret.
/// </summary>
internal sealed class IntentJournal : IDisposable
{
    public const string FileName = "intents.jsonl";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();
    private readonly FileStream _stream;

    private readonly string? _next;

    private IntentJournal(FileStream stream, string? next) => (_stream, _next) = (stream, next);

    public string Path => _stream.Name;

    /// <summary>Creates (or, for a resumed run, appends to) the run folder's journal.</summary>
    /// <exception cref="UsageException">It cannot be created: one sentence, before anything is sent.</exception>
    /// <param name="next">What to run once the disk is fixed, for the abort's sentence; default: apply --resume of the run folder.</param>
    public static IntentJournal Open(string runFolder, string? next = null)
    {
        var path = System.IO.Path.Combine(runFolder, FileName);
        try
        {
            // Unbuffered: each Record is one write system call, so what Record returned from is in the OS, not in our memory.
            return new IntentJournal(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0), next);
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            throw new UsageException($"{EvidenceFailure.Problem(path, e)}: the run's write-ahead journal cannot be created, so nothing is sent.");
        }
    }

    /// <summary>Records the writes of one batch; null when recorded, else the abort that stops the run (the batch must not leave).</summary>
    /// <param name="writes">Each write's intent (null for a write no input line asked for) and its "METHOD /path".</param>
    public RunAbort? Record(string clientRequestId, IEnumerable<(WriteIntent? Intent, string Request)> writes)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            foreach (var (intent, request) in writes)
            {
                json.Reset(buffer);
                json.WriteStartObject();
                json.WriteString("clientRequestId", clientRequestId);
                if (intent is not null)
                {
                    json.WriteNumber("line", intent.Line);
                    json.WriteString("method", AuditNames.Of(intent.Method));
                    json.WriteString("user", intent.User);
                    json.WriteString("operation", intent.Operation);
                }

                json.WriteString("request", request);
                json.WriteEndObject();
                json.Flush();
                buffer.Write("\n"u8);
            }
        }

        lock (_gate)
        {
            var start = _stream.Position;
            try
            {
                _stream.Write(buffer.WrittenSpan);
                _stream.Flush();
                return null;
            }
            catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
            {
                TryCut(start);
                return EvidenceFailure.Abort(Path, e, _next);
            }
        }
    }

    /// <summary>The (line, method) pairs a journal holds intents for (a torn last line is ignored).</summary>
    public static IReadOnlySet<(int Line, MethodKind Method)> Read(string runFolder)
    {
        var path = System.IO.Path.Combine(runFolder, FileName);
        var pairs = new HashSet<(int, MethodKind)>();
        if (!File.Exists(path))
        {
            return pairs;
        }

        foreach (var line in File.ReadLines(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                if (r.TryGetProperty("line", out var n) && n.ValueKind == JsonValueKind.Number
                    && r.TryGetProperty("method", out var m) && MethodNames.TryParse(m.GetString(), out var method))
                {
                    pairs.Add((n.GetInt32(), method));
                }
            }
            catch (JsonException)
            {
                // torn by the failure that stopped the run: that batch was not sent
            }
        }

        return pairs;
    }

    public void Dispose()
    {
        try
        {
            _stream.Dispose();
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            // Nothing is buffered (bufferSize 0): a failure here loses nothing.
        }
    }

    /// <summary>A short write before the failure leaves a partial line; cut it, so the journal ends on whole intents.</summary>
    private void TryCut(long length)
    {
        try
        {
            _stream.SetLength(length);
        }
        catch (Exception e) when (EvidenceFailure.IsFileProblem(e))
        {
            // The reader ignores a torn last line.
        }
    }
}

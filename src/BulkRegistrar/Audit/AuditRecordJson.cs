using System.Text;
using System.Text.Json;

namespace BulkRegistrar.Audit;

/// <summary>
/// One <c>audit.jsonl</c> line as an <see cref="AuditRecord"/>: the reading half of <see cref="JsonlAuditFormatter"/>.
/// A line is a record when it is one JSON object with a whole-number <c>line</c>, a <c>method</c> and an <c>outcome</c>
/// of the audit's vocabulary; a field of another type reads as absent, and fields it does not know (<c>target</c>) are
/// ignored, since fields are only ever added.
/// </summary>
internal static class AuditRecordJson
{
    private static readonly byte[] OutcomeKey = "\"outcome\":\""u8.ToArray();
    private static readonly byte[][] OutcomeNames = [.. Enum.GetValues<Outcome>().Select(o => Encoding.UTF8.GetBytes(AuditNames.Of(o)))];

    /// <summary>The record, or null when the line is not one.</summary>
    public static AuditRecord? Parse(string line) => Parse(Encoding.UTF8.GetBytes(line));

    /// <inheritdoc cref="Parse(string)"/>
    public static AuditRecord? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null; // torn, not JSON, or a string that is not UTF-8
        }
    }

    /// <summary>
    /// The outcome the line's text names, or null when the text alone cannot tell. Safe because a string value cannot
    /// hold the raw <c>"outcome":"</c>: its quotes are always escaped, so the first one is the key.
    /// </summary>
    public static Outcome? OutcomeFromText(ReadOnlySpan<byte> line)
    {
        var at = line.IndexOf(OutcomeKey);
        if (at < 0)
        {
            return null;
        }

        var value = line[(at + OutcomeKey.Length)..];
        var end = value.IndexOf((byte)'"');
        if (end <= 0)
        {
            return null;
        }

        value = value[..end];
        for (var i = 0; i < OutcomeNames.Length; i++)
        {
            if (value.SequenceEqual(OutcomeNames[i]))
            {
                return (Outcome)i;
            }
        }

        return null;
    }

    private static AuditRecord? ReadObject(ref Utf8JsonReader reader)
    {
        var r = new Fields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            r.Take(name, ref reader);
            reader.Skip(); // an object or array value: not ours, stepped over
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null; // a second value after the object
        }

        if (r.Line is not { } line || !MethodNames.TryParse(r.Method, out var method) || OutcomeNamed(r.Outcome) is not { } outcome)
        {
            return null;
        }

        return new AuditRecord(line, r.User, method, r.Input, r.Normalized, outcome, r.Error, r.Message, r.Warning)
        {
            HttpStatus = r.HttpStatus,
            GraphError = r.GraphError,
            RequestId = r.RequestId,
            Attempts = r.Attempts,
            DurationMs = r.DurationMs,
            ClientRequestId = r.ClientRequestId,
            Previous = r.Previous,
            IssuedId = r.IssuedId,
        };
    }

    private static readonly string[] Outcomes = Enum.GetNames<Outcome>();

    private static Outcome? OutcomeNamed(string? name) => name is null ? null : Array.IndexOf(Outcomes, name) is var i and >= 0 ? (Outcome)i : null;

    /// <summary>The fields of one line as they are read (the last wins when a name is repeated).</summary>
    private struct Fields
    {
        public int? Line;
        public string? User, Method, Input, Normalized, Outcome, Error, Message, Warning, GraphError, RequestId, ClientRequestId, Previous, IssuedId;
        public int? HttpStatus, Attempts;
        public long? DurationMs;

        public void Take(string? name, ref Utf8JsonReader v)
        {
            switch (name)
            {
                case "line": Line = Int(ref v); break;
                case "user": User = Text(ref v); break;
                case "method": Method = Text(ref v); break;
                case "input": Input = Text(ref v); break;
                case "normalized": Normalized = Text(ref v); break;
                case "outcome": Outcome = Text(ref v); break;
                case "error": Error = Text(ref v); break;
                case "message": Message = Text(ref v); break;
                case "warning": Warning = Text(ref v); break;
                case "httpStatus": HttpStatus = Int(ref v); break;
                case "graphError": GraphError = Text(ref v); break;
                case "requestId": RequestId = Text(ref v); break;
                case "attempts": Attempts = Int(ref v); break;
                case "durationMs": DurationMs = v.TokenType == JsonTokenType.Number && v.TryGetInt64(out var ms) ? ms : null; break;
                case "clientRequestId": ClientRequestId = Text(ref v); break;
                case "previous": Previous = Text(ref v); break;
                case "issuedId": IssuedId = Text(ref v); break;
                default: break; // target, and fields a later version adds
            }
        }

        private static string? Text(ref Utf8JsonReader v) => v.TokenType == JsonTokenType.String ? v.GetString() : null;

        private static int? Int(ref Utf8JsonReader v) => v.TokenType == JsonTokenType.Number && v.TryGetInt32(out var n) ? n : null;
    }
}

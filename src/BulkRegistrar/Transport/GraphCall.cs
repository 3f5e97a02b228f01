using BulkRegistrar.Audit;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Transport;

/// <summary>One Graph request waiting for a place in a <c>$batch</c>.</summary>
internal sealed record GraphCall(RequestInformation Request, bool IsWrite)
{
    /// <summary>For a write: the (line, method) it is made for, recorded in the run's write-ahead journal before its batch leaves.</summary>
    public WriteIntent? Intent { get; init; }

    /// <summary>"METHOD /path", as the write-ahead journal records it (no query, no body: never a phone number or secret).</summary>
    public string RequestLine => $"{Request.HttpMethod} {Request.URI.AbsolutePath}";

    public RequestKinds Kind => IsWrite ? RequestKinds.Writes : RequestKinds.Reads;
}

internal static class WriteIntents
{
    public static WriteIntent For(Planning.PlannedOperation op, string user) => new(op.For.Line, op.Method, user, op.Kind.ToString());
}

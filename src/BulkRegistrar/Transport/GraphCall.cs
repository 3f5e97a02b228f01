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

    /// <summary>
    /// A request to Graph's beta endpoint (hardware OATH, docs/sdk-notes.md §13): it travels in a beta <c>$batch</c>, never beside v1.0
    /// calls, since a batch runs every step against its own version.
    /// </summary>
    public bool Beta => _beta ??= IsBeta(Request);

    private bool? _beta;

    // The SDK's own builders (a "{+baseurl}" template) are v1.0; beta requests are built with an absolute URL (no builder for them).
    private static bool IsBeta(RequestInformation request)
    {
        if (request.UrlTemplate?.Contains("{+baseurl}", StringComparison.Ordinal) == true)
        {
            return false;
        }

        try
        {
            return request.URI.AbsolutePath.Contains("/beta/", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is InvalidOperationException or UriFormatException or ArgumentException or FormatException)
        {
            return false; // no usable URL (a test's request): nothing to send to beta, and the send itself reports it
        }
    }
}

internal static class WriteIntents
{
    public static WriteIntent For(Planning.PlannedOperation op, string user) => new(op.For.Line, op.Method, user, op.Kind.ToString());
}

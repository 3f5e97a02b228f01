using System.Text.Json;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Dispatch;

/// <summary>One Graph request waiting for a place in a <c>$batch</c>.</summary>
internal sealed record GraphCall(RequestInformation Request, bool IsWrite)
{
    /// <summary>For a write: the (line, method) it is made for, recorded in the run's write-ahead journal before its batch leaves.</summary>
    public WriteIntent? Intent { get; init; }
}

/// <summary>What a write is for: the input line and method whose audit record will settle it, the user it addresses, and the operation.</summary>
internal sealed record WriteIntent(int Line, MethodKind Method, string User, string Operation);

internal static class WriteIntents
{
    public static WriteIntent For(Planning.PlannedOperation op, string user) => new(op.For.Line, op.Method, user, op.Kind.ToString());
}

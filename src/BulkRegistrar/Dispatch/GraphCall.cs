using System.Text.Json;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Dispatch;

/// <summary>One Graph request waiting for a place in a <c>$batch</c>.</summary>
internal sealed record GraphCall(RequestInformation Request, bool IsWrite);

using System.Collections.Concurrent;

namespace BulkRegistrar.Privacy;

/// <summary>
/// Every secret value this process holds — the client secret and certificate password read from the
/// environment, each Temporary Access Pass and password Graph handed back, the passwords of
/// <c>--new-passwords</c> — registered the moment it is read, so the log policy
/// (<c>Cli/LogRedaction</c>) can take it out of anything on its way to a sink, whatever property
/// or text carries it. Process-wide on purpose: a secret is a secret in every run of the process.
/// </summary>
internal static class KnownSecrets
{
    /// <summary>What a removed secret reads as, in every sink.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Shorter values are too likely to be ordinary text to redact blindly.</summary>
    private const int MinLength = 6;

    private static readonly ConcurrentDictionary<string, byte> Values = new(StringComparer.Ordinal);

    public static string? Add(string? secret)
    {
        if (secret is { Length: >= MinLength })
        {
            Values.TryAdd(secret, 0);
        }

        return secret;
    }

    /// <summary>The text with every registered secret replaced by <c>[redacted]</c>.</summary>
    public static string Redact(string text)
    {
        if (Values.IsEmpty || text.Length < MinLength)
        {
            return text;
        }

        foreach (var secret in Values.Keys)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        return text;
    }
}

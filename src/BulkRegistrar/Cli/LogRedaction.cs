using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

using BulkRegistrar.Audit;
using BulkRegistrar.Privacy;

namespace BulkRegistrar.Cli;

/// <summary>
/// The log policy, applied to every event before any sink sees it (console, run.log, the rolling file,
/// CLEF), so that what reaches a log does not depend on each call site's care:
/// a property named like a secret (password, secret, token, pass, assertion, credential) is replaced
/// whole; any string that carries a registered secret (<see cref="KnownSecrets"/>), a bearer token or a
/// JWT has it cut out; a string that is a phone number is masked as on the console (<see cref="Masking"/>); and
/// control and bidi characters of every string (a file name with a newline or ESC, a cell, a header) are made
/// visible as <c>{U+XXXX}</c> (<see cref="ControlText"/>), so no value can forge a log line or reach a terminal
/// that shows the log.
/// Structures, sequences and dictionaries are walked, so a destructured object gets the same treatment.
/// </summary>
internal sealed partial class LogRedaction : ILogEventEnricher
{
    public const string Redacted = KnownSecrets.Redacted;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var clean = Clean(name, value);
            if (!ReferenceEquals(clean, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, clean));
            }
        }
    }

    private static LogEventPropertyValue Clean(string name, LogEventPropertyValue value) => value switch
    {
        _ when SecretName().IsMatch(name) => new ScalarValue(Redacted),
        ScalarValue { Value: string s } => Clean(s) is var c && c != s ? new ScalarValue(c) : value,
        StructureValue st => new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Clean(p.Name, p.Value))), st.TypeTag),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(e => Clean("", e))),
        DictionaryValue d => new DictionaryValue(d.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
            e.Key.Value is string k ? new ScalarValue(Clean(k)) : e.Key, Clean(e.Key.Value?.ToString() ?? "", e.Value)))),
        _ => value,
    };

    /// <summary>Secrets out, a value that is a phone number masked, control characters made visible.</summary>
    public static string Clean(string text)
    {
        text = KnownSecrets.Redact(text);
        text = Bearer().Replace(text, "Bearer " + Redacted);
        text = Jwt().Replace(text, Redacted);
        return ControlText.Escape(WholePhone().IsMatch(text) ? Masking.Text(text)! : text);
    }

    [GeneratedRegex("(secret|password|passwd|token|^pass$|passes|assertion|credential)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-_.~+/]+=*", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    // A value that is a phone number (and nothing else); free text is masked where it is written.
    [GeneratedRegex(@"^\s*(tel:)?\+?[0-9][0-9 ()\-./]{5,}[0-9]\s*$")]
    private static partial Regex WholePhone();
}

using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace BulkRegistrar.Cli;

/// <summary>
/// Start-up checks of the configuration that binding alone does not make: a key our sections do not
/// know (a typo such as <c>Emulator:TimeCompresion</c> would otherwise be ignored silently and the
/// default used), and values that are only checked where they are used (URLs, emulator profiles).
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>The sections we own, with the options type each binds to. <c>Serilog</c> belongs to Serilog.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Sections = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase)
    {
        ["Csv"] = typeof(Reading.CsvOptions),
        ["Phone"] = typeof(PhoneOptions),
        ["Run"] = typeof(RunOptions),
        ["Graph"] = typeof(Graph.GraphOptions),
        ["Emulator"] = typeof(Graph.EmulatorOptions),
        ["Dispatch"] = typeof(Dispatch.DispatchOptions),
        ["Logging"] = typeof(LoggingOptions),
        ["Inbox"] = typeof(Inbox.InboxOptions),
        ["State"] = typeof(State.StateOptions),
        ["Status"] = typeof(Status.StatusOptions),
    };

    /// <summary>Every key under our sections that no option property binds to, as <c>Section:Key</c> paths.</summary>
    public static IReadOnlyList<string> UnknownKeys(IConfiguration config)
    {
        var unknown = new List<string>();
        foreach (var (name, type) in Sections)
        {
            Walk(config.GetSection(name), type, unknown);
        }

        return unknown;
    }

    private static void Walk(IConfigurationSection section, Type type, List<string> unknown)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                unknown.Add(child.Path);
            }
            else if (IsOptionsObject(property.PropertyType))
            {
                Walk(child, property.PropertyType, unknown);
            }
        }
    }

    // Dictionaries (Csv:Columns) and lists have free-form children; scalars have none to check.
    private static bool IsOptionsObject(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type);
}

using System.CommandLine;

namespace BulkRegistrar.Cli;

/// <summary>The argument and options every verb (validate, plan, apply) takes.</summary>
internal sealed class CommonOptions
{
    public Argument<string> Csv { get; } = new("csv") { Description = "The CSV file of new hires (UTF-8 or UTF-16 with BOM; , ; or tab separated)." };

    public Option<string?> Region { get; } = new("--region")
    {
        Description = "ISO 3166 region (e.g. GB, US) for numbers written without +, when the row has no Region column.",
        HelpName = "XX",
    };

    public Option<string?> Out { get; } = new("--out")
    {
        Description = "Run folder for audit.jsonl, audit.csv, summary.json and run.log (default: runs/<yyyyMMdd-HHmmss>-<file>/).",
        HelpName = "DIR",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "An extra JSON configuration file layered over appsettings.json.",
        HelpName = "FILE",
    };

    public Option<string?> Encoding { get; } = new("--encoding")
    {
        Description = "Read the file in this encoding (e.g. windows-1252) instead of detecting UTF-8/UTF-16.",
        HelpName = "NAME",
    };

    public void AddTo(Command command)
    {
        command.Add(Csv);
        command.Add(Region);
        command.Add(Out);
        command.Add(Config);
        command.Add(Encoding);
    }

    public CommonRunOptions Read(ParseResult parse) =>
        new(parse.GetValue(Csv), parse.GetValue(Region), parse.GetValue(Out), parse.GetValue(Config), parse.GetValue(Encoding));
}

/// <summary>The values of <see cref="CommonOptions"/> for one run, as given (null: not given).</summary>
internal sealed record CommonRunOptions(string? Csv, string? Region = null, string? Out = null, string? Config = null, string? Encoding = null);

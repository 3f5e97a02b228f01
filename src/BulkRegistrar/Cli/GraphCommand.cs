using System.CommandLine;
using Spectre.Console;

namespace BulkRegistrar.Cli;

/// <summary>
/// <c>plan &lt;csv&gt;</c> (reads the tenant, says what would change, writes nothing) and
/// <c>apply &lt;csv&gt;</c> (makes the tenant match the file). Same options as validate, plus the target
/// and the dispatch guardrails. The command line is read into <see cref="GraphRunOptions"/> and handed to
/// <see cref="GraphRun"/>, the same entry the inbox calls for each of its files.
/// </summary>
internal sealed class GraphCommand(bool apply, IAnsiConsole console, TimeProvider time, StopSignals? signals = null)
{
    private readonly GraphCommandLine _options = new();

    private readonly Option<string?> _resume = new("--resume")
    {
        Description = "Finish a run that did not end (killed, crashed, stopped): its folder's input and options are used again, finished rows are kept, "
            + "the rest is re-planned against the tenant; records are appended to the same audit. Give no file or other option with it.",
        HelpName = "RUN-FOLDER",
    };

    public Command Build()
    {
        var command = new Command(apply ? "apply" : "plan", apply
            ? "Register the file's methods in the tenant: batched, throttle-aware, safe to rerun."
            : "Read the tenant and report what apply would change; writes nothing.");
        _options.AddTo(command);
        if (apply)
        {
            _options.Common.Csv.Arity = ArgumentArity.ZeroOrOne; // with --resume the file comes from the run folder
            command.Add(_resume);
        }

        var run = new GraphRun(apply, console, time, signals);
        command.SetAction((parse, ct) => parse.GetValue(_resume) is { } resume
            ? run.ResumeAsync(Alone(parse, resume), ct)
            : run.RunAsync(_options.Read(parse), ct));
        return command;
    }

    /// <summary>--resume takes everything from the run folder's run.json: anything else given with it is refused.</summary>
    private string Alone(ParseResult parse, string folder)
    {
        var others = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>().Where(o => !o.Implicit && o.Option != _resume);
        if (parse.GetValue(_options.Common.Csv) is not null || others.Any())
        {
            throw new UsageException("--resume takes the input file and every option from the run folder (run.json); give it alone: apply --resume "
                + "<run-folder>.");
        }

        return folder;
    }
}

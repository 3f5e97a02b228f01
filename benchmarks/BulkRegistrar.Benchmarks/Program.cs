using System.Diagnostics;
using System.Globalization;
using BulkRegistrar.Benchmarks;
using BulkRegistrar.Cli;
using Spectre.Console;

// Usage: dotnet run -c Release --project benchmarks/BulkRegistrar.Benchmarks -- validate [rows]
// Each size runs in a fresh process so the peak working set belongs to that size alone.
var verb = args.Length > 0 ? args[0] : "validate";
if (verb == "phases")
{
    Phases.Run(InputGenerator.Ensure(Path.Combine(Path.GetTempPath(), "bulkregistrar-bench"), int.Parse(args[1], CultureInfo.InvariantCulture)));
    return 0;
}

if (verb == "report")
{
    // report [runFolder] [calls]: HtmlReport.Write alone on a finished run folder (default: validate 1000000's), timed per call
    Phases.Report(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "bulkregistrar-bench", "run-1000000"),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
    return 0;
}

if (verb == "apply")
{
    // apply [rows] [naiveRows] [k] [realistic|strict]
    return await ApplyBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000,
        args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 50,
        args.Length > 4 ? args[4] : "realistic");
}

if (verb == "versus")
{
    // versus [rows] [k] [realistic|strict|chaos] [rounds]: every contender its own process against a standalone emulator
    return await VersusBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8_000,
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? args[3] : "realistic",
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2);
}

if (verb == "proof")
{
    // proof [rows] [kills] [k] [seed]: mixed methods under chaos, SIGKILL and --resume, then the checks (docs/benchmarks.md)
    return await ProofBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10,
        args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 20,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1);
}

if (verb == "memory")
{
    // memory [rows] [k]: apply's peak resident set on the proof's mixed file
    return await ProofBenchmark.MemoryAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 200);
}

if (verb == "startup")
{
    // startup [runs] [BulkRegistrar executable…]: several executables alternate run by run
    return await StartupBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7, args.Skip(2).ToList());
}

if (verb == "nightly")
{
    // nightly [rows] [changedPercent]
    return await NightlyBenchmark.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1);
}

if (verb != "validate")
{
    Console.Error.WriteLine("verbs: validate [rows] | phases [rows] | report [runFolder] [calls] | apply [rows] [naiveRows] [k] [realistic|strict] | versus "
        + "[rows] [k] [profile] [rounds] | proof [rows] [kills] [k] [seed] | memory [rows] [k] | nightly [rows] [changedPercent] | startup [runs] [exe…]");
    return 2;
}

var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var work = Path.Combine(Path.GetTempPath(), "bulkregistrar-bench");
var input = InputGenerator.Ensure(work, rows);
var run = Path.Combine(work, $"run-{rows}");
if (Directory.Exists(run))
{
    Directory.Delete(run, recursive: true);
}

var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
var clock = Stopwatch.StartNew();
var exit = await CliApp.RunAsync(["validate", input, "--out", run], quiet, TimeProvider.System);
clock.Stop();

using var self = Process.GetCurrentProcess();
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"validate rows={rows} file={new FileInfo(input).Length / 1048576.0:F1}MiB exit={exit} time={seconds:F2}s rows/s={rows / seconds:F0} "
    + $"peakWorkingSet={self.PeakWorkingSet64 / 1048576.0:F0}MB "
    + $"allocated={GC.GetTotalAllocatedBytes() / 1048576.0:F0}MB gc0/1/2={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} "
    + $"gcPause={GC.GetTotalPauseDuration().TotalSeconds:F2}s "
    + $"cpu={self.TotalProcessorTime.TotalSeconds:F2}s"));
return 0;

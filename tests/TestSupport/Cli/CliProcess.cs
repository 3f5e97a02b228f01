using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace TestSupport;

/// <summary>
/// The real CLI as a child process (<c>dotnet exec BulkRegistrar.dll</c>), so that signals reach it the
/// way systemd, <c>timeout</c>, Docker or a terminal deliver them: SIGINT, SIGTERM to the process.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public CliProcess(string runFolder, params string[] args)
        : this(runFolder, (IEnumerable<string>)[.. args, "--out", runFolder])
    {
    }

    private CliProcess(string runFolder, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, bool terminal = false)
    {
        RunFolder = runFolder;
        // The CLI as built beside the tests, with the test project's runtime config and dependency list (the
        // files the test host was started with): they cover everything the CLI references (it is a project
        // reference), so no path to src/ is guessed.
        var dll = typeof(BulkRegistrar.Cli.CliApp).Assembly.Location;
        var self = TestProjectFiles();
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string[] command = [dotnet, "exec", "--runtimeconfig", self + ".runtimeconfig.json", "--depsfile", self + ".deps.json", dll, .. args];
        // On a terminal: util-linux's script gives the CLI a pseudo-terminal as its standard streams and copies
        // what it writes there to its own (redirected) output; -e returns the CLI's exit code.
        string[] run = terminal ? ["script", "-qec", string.Join(' ', command.Select(ShellQuote)), "/dev/null"] : command;
        var start = new ProcessStartInfo(run[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = terminal, // script reads it; closed at once below, so it never waits for keys
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(runFolder)!,
        };
        foreach (var a in run.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value; // null removes the variable
        }

        _process = Process.Start(start)!;
        if (terminal)
        {
            _process.StandardInput.Close();
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string RunFolder { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The CLI with these environment variables (a null value removes one), its output redirected to a pipe.</summary>
    public static CliProcess WithEnvironment(string runFolder, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        new(runFolder, [.. args, "--out", runFolder], environment);

    /// <summary>The CLI on a terminal (a pseudo-terminal), with these environment variables: what a person sees.</summary>
    public static CliProcess InTerminal(string runFolder, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        new(runFolder, [.. args, "--out", runFolder], environment, terminal: true);

    /// <summary><c>apply --resume &lt;run folder&gt;</c>: continues the run in its own folder (no --out).</summary>
    public static CliProcess Resume(string runFolder) => new(runFolder, (IEnumerable<string>)["apply", "--resume", runFolder]);

    public const int SIGKILL = 9;
    public const int SIGINT = 2;
    public const int SIGTERM = 15;
    public const int SIGSTOP = 19; // Linux: the process stops (cannot be caught or ignored) until SIGCONT or SIGKILL

    public void Signal(int signal)
    {
        Assert.False(Ignores(signal), $"The CLI ignores signal {signal} (its SigIgn mask says so), most likely inherited from this test run: a shell "
            + "without job control (a script) starts every '&' command ignoring SIGINT. Run the tests in the foreground.");
        Assert.Equal(0, kill(_process.Id, signal));
    }

    /// <summary>Whether the CLI process ignores the signal (Linux: its SigIgn mask in /proc; false where that cannot be read).</summary>
    private bool Ignores(int signal)
    {
        var status = $"/proc/{_process.Id}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    /// <summary>Waits (polling the file the CLI flushes at least every second) until the audit has this many records.</summary>
    public async Task WaitForAuditLines(int count)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (AuditLineCount() < count)
        {
            Assert.False(_process.HasExited, "the run ended before the signal could be sent: " + Output);
            await Task.Delay(50, guard.Token);
        }
    }

    /// <summary>Waits until the output holds this text; fails at once, with the output, when the CLI ended without it.</summary>
    public async Task WaitForOutput(string text)
    {
        var until = DateTime.UtcNow + Guard;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the output read to its end
                Assert.True(Output.Contains(text, StringComparison.Ordinal), $"the CLI exited ({_process.ExitCode}) without printing '{text}':\n{Output}");
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"the CLI printed no '{text}' in {Guard.TotalMinutes} minutes:\n{Output}");
            await Task.Delay(20);
        }
    }

    public async Task<int> WaitForExit()
    {
        using var guard = new CancellationTokenSource(Guard);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public List<JsonElement> Audit() => RunFiles.Audit(RunFolder);

    public JsonElement Summary() => RunFiles.Summary(RunFolder);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private int AuditLineCount()
    {
        var path = Path.Combine(RunFolder, "audit.jsonl");
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return lines;
    }

    /// <summary>The running test project's deps.json path without ".deps.json" (its runtimeconfig sits beside it).</summary>
    private static string TestProjectFiles()
    {
        var deps = ((AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string) ?? "").Split(';')[0];
        Assert.EndsWith(".deps.json", deps, StringComparison.Ordinal);
        return deps[..^".deps.json".Length];
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

using System.Diagnostics;

namespace TestSupport;

/// <summary>
/// A system command a test needs (mount, chattr, openssl), bounded: both streams are read while it runs, and one that
/// has not ended within a minute is killed and fails the test by name rather than holding the test session.
/// </summary>
public static class Command
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    /// <summary>Runs it to its end and returns what it wrote to standard output; a non-zero exit fails the test with its error.</summary>
    public static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // closed at once: a command that asks for input gets end of file, never a wait
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var line = $"{program} {string.Join(' ', args)}";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Guard))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{line} did not end within {Guard.TotalSeconds} s");
        }

        Assert.True(Task.WaitAll([output, error], Guard), $"{line} ended but kept its output open");
        Assert.True(process.ExitCode == 0, $"{line} failed (exit {process.ExitCode}): {error.Result}");
        return output.Result;
    }
}

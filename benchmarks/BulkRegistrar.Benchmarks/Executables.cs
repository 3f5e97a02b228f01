using System.Diagnostics;
using System.Globalization;

namespace BulkRegistrar.Benchmarks;

/// <summary>Where the programs the benchmarks start live, and how each is started as its own process.</summary>
internal static class Executables
{
    /// <summary>The repository, from this benchmark's bin/&lt;Configuration&gt;/net10.0/ folder.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));

    /// <summary>The variants <c>benchmarks/build-variants.sh</c> builds: the shipped ReadyToRun tool and single file.</summary>
    public static string Variants { get; } = Path.Combine(Path.GetTempPath(), "bulkregistrar-variants");

    /// <summary>A project's Release build (its apphost), else its Debug build.</summary>
    public static string Built(string project, string name)
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(Root, project, "bin", configuration, "net10.0", name);
            if (File.Exists(path) || File.Exists(path + ".dll"))
            {
                return File.Exists(path) ? path : path + ".dll";
            }
        }

        throw new FileNotFoundException($"{project} is not built: dotnet build -c Release {project}");
    }

    /// <summary>
    /// The CLI builds to compare: BENCH_APPLY (<c>label=path,…</c>), else the Release build and the ReadyToRun tool when
    /// build-variants.sh made it (and its single file with BENCH_SINGLE=1).
    /// </summary>
    public static IReadOnlyList<(string Label, string Path)> ApplyBuilds()
    {
        if (Environment.GetEnvironmentVariable("BENCH_APPLY") is { Length: > 0 } chosen)
        {
            return [.. chosen.Split(',').Select(p => p.Split('=', 2)).Select(p => p.Length == 2 ? (p[0], p[1]) : (System.IO.Path.GetFileName(p[0]), p[0]))];
        }

        var builds = new List<(string, string)> { ("apply", Built("src/BulkRegistrar", "BulkRegistrar")) };
        var tool = Path.Combine(Variants, "tool", "bulkregistrar");
        if (File.Exists(tool))
        {
            builds.Add(("apply R2R tool", tool));
        }

        var single = Path.Combine(Variants, "single", "BulkRegistrar");
        if (File.Exists(single) && Environment.GetEnvironmentVariable("BENCH_SINGLE") is not null)
        {
            builds.Add(("apply R2R single file", single));
        }

        return builds;
    }

    /// <summary>How to start a program: an apphost directly, a .dll through <c>dotnet</c>.</summary>
    public static (string File, string[] Prefix) Launch(string path) =>
        path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [path]) : (path, []);

    /// <summary>
    /// Starts <paramref name="path"/> with <paramref name="arguments"/>; <paramref name="started"/> is told the UTC time just
    /// before the start and the process (to kill it, say). Stops it after <paramref name="limit"/>. With
    /// <paramref name="peakMemory"/>, runs it under <c>/usr/bin/time</c> and reads its maximum resident set.
    /// </summary>
    public static async Task<ChildRun> RunAsync(string path, IEnumerable<string> arguments, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment = null, Action<DateTimeOffset, Process>? started = null, bool peakMemory = false)
    {
        var (file, prefix) = Launch(path);
        var rss = peakMemory ? Path.GetTempFileName() : null;
        var info = new ProcessStartInfo(rss is null ? file : "/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (rss is null ? [] : new[] { "-f", "%M", "-o", rss, file }).Concat(prefix).Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        process.Start();
        started?.Invoke(startedAt, process);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        var finished = true;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            finished = false;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var seconds = clock.Elapsed.TotalSeconds;
        long? peak = null;
        if (rss is not null)
        {
            var text = File.ReadAllText(rss).Trim().Split('\n')[^1];
            peak = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
            File.Delete(rss);
        }

        return new ChildRun(process.ExitCode, startedAt, seconds, finished, await output, await errors, peak);
    }
}

/// <param name="ExitCode">The process's exit code (137 or -1 when it was killed).</param>
/// <param name="PeakBytes">Maximum resident set, when measured.</param>
internal sealed record ChildRun(int ExitCode, DateTimeOffset Started, double Seconds, bool Finished, string Output, string Errors, long? PeakBytes);

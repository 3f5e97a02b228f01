using System.Diagnostics;
using PuppeteerSharp;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Debian's chromium, headless, with one page, for the tests that open a page the tool wrote (report.html, badges.html); <c>.ci/run</c>
/// installs it. PuppeteerSharp is pointed at that binary and never downloads a browser of its own. Every step is bounded: the launch
/// (tried again with a fresh browser when it never connects — a known PuppeteerSharp hang in containers), each DevTools call, and the
/// close, after which the browser's processes are killed if any remain; so a stuck browser fails its test by name, never holds the session.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Path = "/usr/bin/chromium";
    private const int Launches = 3;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    private readonly IBrowser _browser;

    private HeadlessChromium(IBrowser browser, IPage page)
    {
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<HeadlessChromium> OpenAsync()
    {
        Assert.True(File.Exists(Path), $"The browser tests need Debian's chromium at {Path}: apt-get install -y chromium chromium-driver "
            + "(.ci/run does this when it is missing).");
        for (var attempt = 1; ; attempt++)
        {
            IBrowser? browser = null;
            try
            {
                browser = await Puppeteer.LaunchAsync(new LaunchOptions
                {
                    Headless = true,
                    ExecutablePath = Path,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                    Timeout = (int)Step.TotalMilliseconds,
                    ProtocolTimeout = (int)Step.TotalMilliseconds,
                }).WaitAsync(2 * Step);
                var page = await browser.NewPageAsync().WaitAsync(Step);
                return new HeadlessChromium(browser, page);
            }
            catch (Exception e) when (attempt < Launches && e is TimeoutException or PuppeteerException)
            {
                if (browser is not null)
                {
                    await Close(browser);
                }
            }
        }
    }

    public ValueTask DisposeAsync() => new(Close(_browser));

    private static async Task Close(IBrowser browser)
    {
        var process = browser.Process;
        try
        {
            await browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is TimeoutException or PuppeteerException)
        {
            // Killed below.
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Ended meanwhile.
        }
    }

    /// <summary>A test artifact's path: the repository's TestResults/<paramref name="folder"/> (beside CI's results), else beside the test assembly.</summary>
    public static string Artifact(string folder, string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "BulkRegistrar.sln")))
        {
            dir = dir.Parent;
        }

        var path = System.IO.Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", folder);
        Directory.CreateDirectory(path);
        return System.IO.Path.Combine(path, name);
    }
}

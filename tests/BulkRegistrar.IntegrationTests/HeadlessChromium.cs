using PuppeteerSharp;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// Debian's chromium, headless, for the tests that open a page the tool wrote (report.html, badges.html); <c>.ci/run</c> installs it.
/// PuppeteerSharp is pointed at that binary and never downloads a browser of its own.
/// </summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(Path), $"The browser tests need Debian's chromium at {Path}: apt-get install -y chromium chromium-driver "
            + "(.ci/run does this when it is missing).");
        return Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = Path,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
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

using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using PuppeteerSharp;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// report.html of a real apply against the emulator, opened in a real headless Chromium (Debian's
/// <c>chromium</c>; <c>.ci/run</c> installs it). PuppeteerSharp is pointed at that binary and never
/// downloads a browser of its own.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ReportBrowserTests : IDisposable
{
    private readonly CliApply _cli;

    public ReportBrowserTests(StrictEmulatorFixture fixture)
    {
        fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Report_of_an_apply_renders_both_charts_with_the_runs_numbers_and_finds_a_failing_row_without_script_errors()
    {
        // The sample's deliberate mistakes, plus cells written to break out of the page if they were not escaped.
        var csv = _cli.WriteCsv(File.ReadAllText(Samples.PathOf("new-hires.csv")).TrimEnd()
            + "\r\n\"<script>window.pwned=1</script>@contoso.com\",Hostile,+44 7400 000001,,,,GB,\r\n"
            + "\"x\"\"</script><img src=x onerror=window.pwned=2>\",Hostile,+44 7400 000002,,,,GB,\r\n");
        var exit = await _cli.Run("apply", csv);
        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        var summary = _cli.Summary();
        var timeline = File.ReadLines(Path.Combine(_cli.RunFolder, "timeline.jsonl")).Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        await using var browser = await HeadlessChromium.OpenAsync();
        var page = browser.Page;
        var errors = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                errors.Add(e.Message.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1800 });
        await page.GoToAsync(new Uri(Path.Combine(_cli.RunFolder, "report.html")).AbsoluteUri, WaitUntilNavigation.Load);

        // Outcomes chart: the bars are summary.json's counts.
        var outcomes = await page.EvaluateExpressionAsync<Dictionary<string, long>>(
            "Object.fromEntries(window.reportCharts.outcomes.data.labels.map((l, i) => [l, window.reportCharts.outcomes.data.datasets[0].data[i]]))");
        var expected = summary.GetProperty("outcomes").EnumerateObject().Where(p => p.Value.GetInt64() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(expected.OrderBy(p => p.Key), outcomes.OrderBy(p => p.Key));

        // Timeline chart: its writes/s points times each interval's length add up to the run's writes, against the budget line.
        var rates = await page.EvaluateExpressionAsync<double[]>("window.reportCharts.timeline.data.datasets.find(d => d.label === 'writes/s').data");
        var budget = await page.EvaluateExpressionAsync<double[]>("window.reportCharts.timeline.data.datasets.find(d => d.label === 'write budget/s').data");
        Assert.Equal(timeline.Count, rates.Length);
        var writes = rates.Select((r, i) => r * timeline[i].GetProperty("seconds").GetDouble()).Sum();
        Assert.Equal(summary.GetProperty("graph").GetProperty("writes").GetInt64(), writes, tolerance: 0.1 * timeline.Count);
        Assert.True(writes > 0);
        Assert.All(budget, b => Assert.Equal(20 * StrictEmulatorFixture.TimeCompression, b));
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('timelineChart').width > 0"));

        // Search: the user who is not in the directory is found, with its outcome.
        await page.TypeAsync("#search", "sam.unknown");
        var found = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#rows tbody tr')].map(tr => tr.textContent)");
        var row = Assert.Single(found);
        Assert.Contains("NotFound", row);

        // Hostile cells are shown as text and never run.
        await page.EvaluateExpressionAsync("document.getElementById('search').value = 'pwned'; document.getElementById('search').dispatchEvent(new "
            + "Event('input'))");
        var hostile = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#rows tbody tr td:nth-child(2)')].map(td => "
            + "td.textContent)");
        Assert.Contains("<script>window.pwned=1</script>@contoso.com", hostile);
        Assert.Contains("x\"</script><img src=x onerror=window.pwned=2>", hostile);
        Assert.Equal("undefined", await page.EvaluateExpressionAsync<string>("typeof window.pwned"));

        await page.EvaluateExpressionAsync("document.getElementById('search').value = ''; document.getElementById('search').dispatchEvent(new Event('input'))");
        await page.ScreenshotAsync(HeadlessChromium.Artifact("report", "report.png"), new ScreenshotOptions { FullPage = true });
        Assert.Empty(errors);
    }
}

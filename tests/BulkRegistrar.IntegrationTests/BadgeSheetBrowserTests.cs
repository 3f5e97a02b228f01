using System.Text;
using BulkRegistrar.Audit;
using GraphEmulator.Tests.Support;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The badge sheet of a real apply, opened in Debian's headless Chromium as <see cref="ReportBrowserTests"/> opens the report: every badge's
/// QR image, as the browser decoded it and draws it, is decoded (ZXing.Net) to the content the emulator recorded for that very user, no PIN is on the
/// page, and printing it gives A4 pages, or Letter ones once Letter is chosen on the page.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class BadgeSheetBrowserTests : IDisposable
{
    private static readonly string[] Users =
        ["oliver.brown@contoso.com", "james.garcia@contoso.com", "lukas.fischer@contoso.com", "louis.durand@contoso.com", "jack.campbell@contoso.com"];

    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public BadgeSheetBrowserTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    private const string DrawQr = "b => { const img = b.querySelector('img.qr'), c = document.createElement('canvas'); "
        + "c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d'); "
        + "g.drawImage(img, 0, 0); return c.toDataURL('image/png'); }";

    [Fact]
    public async Task Every_badge_scans_to_its_own_users_qr_code_and_the_sheet_prints_on_A4_or_Letter_without_a_pin()
    {
        var csv = _cli.WriteCsv("upn,QrCodePin,QrCodeExpiry\n" + string.Concat(Users.Select(u => $"{u},true,2027-06-30\n")));
        var exit = await _cli.Run("apply", csv);
        Assert.True(exit == ExitCodes.Success, $"exit {exit}; the run printed:\n{_cli.Console.Output}\naudit:\n"
            + File.ReadAllText(Path.Combine(_cli.RunFolder, "audit.jsonl")));
        var sheet = Path.Combine(_cli.RunFolder, "badges.html");

        await using var browser = await HeadlessChromium.OpenAsync();
        var page = browser.Page;
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e.Message);
        await page.SetViewportAsync(new ViewPortOptions { Width = 900, Height = 1200 });
        await page.GoToAsync(new Uri(sheet).AbsoluteUri, WaitUntilNavigation.Load);

        var badges = await page.QuerySelectorAllAsync("section.badge");
        Assert.Equal(Users.Length, badges.Length);
        var scanned = new Dictionary<string, string>();
        foreach (var badge in badges)
        {
            var upn = await badge.EvaluateFunctionAsync<string>("b => b.querySelector('.upn').textContent");
            Assert.Equal("2027-06-30", await badge.EvaluateFunctionAsync<string>("b => b.querySelector('time').textContent"));
            Assert.True(await badge.EvaluateFunctionAsync<bool>("b => b.querySelector('img.qr').complete && b.querySelector('img.qr').naturalWidth > 0"));
            // The image as the browser decoded it, drawn pixel for pixel (an element screenshot races scrolling on a busy machine).
            var drawn = await badge.EvaluateFunctionAsync<string>(DrawQr);
            scanned[upn] = QrDecoder.Decode(Convert.FromBase64String(drawn["data:image/png;base64,".Length..]));
        }

        Assert.Equal(Users.Order(), scanned.Keys.Order());
        foreach (var user in Users)
        {
            var issued = _fixture.Emulator.GetQrCodePinSecrets(user)!;
            Assert.Equal(Assert.Single(issued.QrCodes).Content, scanned[user]);
            Assert.StartsWith($"EMUQR1;id={issued.QrCodes[0].QrCodeId};upn={user};", scanned[user], StringComparison.Ordinal);
            Assert.DoesNotContain(issued.LastPin!, await page.GetContentAsync(), StringComparison.Ordinal);
        }

        // Print: the page's own @page size, A4 by default, Letter once chosen on the page; five badges fit one page either way.
        var a4 = Encoding.Latin1.GetString(await page.PdfDataAsync(new PdfOptions { PreferCSSPageSize = true, PrintBackground = true }));
        await page.ClickAsync("#letter");
        var letter = Encoding.Latin1.GetString(await page.PdfDataAsync(new PdfOptions { PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Matches(@"/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", a4);
        Assert.Matches(@"/MediaBox \[0 0 612 792\]", letter);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(a4, @"/Type /Page\b"));

        await page.ScreenshotAsync(HeadlessChromium.Artifact("badges", "badges.png"), new ScreenshotOptions { FullPage = true });
        Assert.Empty(errors);
    }
}

using System.Text;
using BulkRegistrar.Methods.QrCodePin;

namespace BulkRegistrar.Tests.Methods;

/// <summary>QR code + PIN's files: the owner-only --new-pins file, and the badge sheet (owner-only, escaped, written through, no PIN).</summary>
public sealed class QrCodePinFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qr-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Pins(string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(_folder, $"pins-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        return path;
    }

    [Fact]
    public void Chosen_pins_are_read_by_user_and_a_bad_line_is_named_without_its_pin()
    {
        var pins = ChosenPins.Load(Pins("UserPrincipalName,Pin\nAnn@Contoso.com,12345678901\n"));

        Assert.Equal("12345678901", pins.For("ann@contoso.com"));
        Assert.Null(pins.For("bob@contoso.com"));
        var e = Assert.Throws<UsageException>(() => ChosenPins.Load(Pins("UserPrincipalName,Pin\nann@contoso.com,12ab5678\n")));
        Assert.Contains("line 2: each line needs a user and a PIN of 8 to 20 digits", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12ab5678", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pins_file_others_can_read_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        var path = Pins("UserPrincipalName,Pin\nann@contoso.com,12345678\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var e = Assert.Throws<UsageException>(() => ChosenPins.Load(path));

        Assert.Contains("can be read by other accounts; it holds PINs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_badge_is_written_through_owner_only_with_its_name_escaped_and_an_empty_sheet_is_removed()
    {
        var path = Path.Combine(_folder, "badges.html");
        using (var sheet = new BadgeSheet(path, TimeZoneInfo.Utc))
        {
            sheet.Prepare();
            sheet.Write("<script>alert(1)</script> Ann", "ann@contoso.com", [0x89, 0x50, 0x4E, 0x47], new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero));
            var html = File.ReadAllText(path, Encoding.UTF8);
            Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Ann", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
            Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", html, StringComparison.Ordinal);
            Assert.Contains(">2027-06-30</time>", html, StringComparison.Ordinal); // expires at midnight: works through the day before
            Assert.Contains("@page a4 { size: A4;", html, StringComparison.Ordinal);
            Assert.Contains("@page letter { size: letter;", html, StringComparison.Ordinal);
            Assert.Equal(1, sheet.Written);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var empty = Path.Combine(_folder, "empty.html");
        using (var sheet = new BadgeSheet(empty, TimeZoneInfo.Utc))
        {
            sheet.Prepare();
            Assert.True(File.Exists(empty));
        }

        Assert.False(File.Exists(empty));
    }

    [Fact]
    public void An_existing_file_that_is_no_badge_sheet_is_refused_and_left_alone()
    {
        var path = Path.Combine(_folder, "notes.html");
        File.WriteAllText(path, "<html>notes</html>");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        using var sheet = new BadgeSheet(path, TimeZoneInfo.Utc);
        var e = Assert.Throws<UsageException>(sheet.Prepare);

        Assert.Contains("is not a BulkRegistrar badge sheet", e.Message, StringComparison.Ordinal);
        Assert.Equal("<html>notes</html>", File.ReadAllText(path));
    }
}

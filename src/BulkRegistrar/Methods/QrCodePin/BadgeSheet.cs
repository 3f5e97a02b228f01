using System.Globalization;
using System.Net;
using System.Text;
using BulkRegistrar.Handoff;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// The printable badge sheet (<c>--badges FILE</c>, default <c>&lt;run folder&gt;/badges.html</c>): one badge per user whose QR code +
/// PIN was created — display name, UPN, the QR image Graph returned (a PNG, inlined as a data URI) and the last day it works; never the
/// PIN, which is handed over separately (hand-off file). The image exists only in Graph's 201, so the sheet is kept as the hand-off file
/// is (<see cref="HandoffCsv"/>): created owner-only with its head written through before the first QR request, each badge appended and
/// written through before its method counts as created, an existing sheet appended to (a rerun, a resume), and a sheet that got no badge
/// removed at the end. HTML needs no closing tags, so the file is a whole page after every badge. Print CSS lays it out for A4 (default)
/// or US Letter (chosen on the page, no script): credit-card-sized badges that never split across pages.
/// </summary>
internal sealed class BadgeSheet(string path, TimeZoneInfo zone) : IDisposable
{
    public const string DefaultName = "badges.html";

    private readonly Lock _gate = new();
    private readonly HandoffCsv _file = new(path, Head);
    private string? _unusable;

    public string Path => path;

    public int Written => _file.Lines;

    /// <summary>Why no further QR code may be created (a badge could not be written), or null.</summary>
    public string? Unusable
    {
        get
        {
            lock (_gate)
            {
                return _unusable;
            }
        }
    }

    /// <summary>Creates (or opens, to append) the sheet before the first QR request.</summary>
    /// <exception cref="UsageException">It cannot be created, or an existing file is not a badge sheet only its owner can read.</exception>
    public void Prepare()
    {
        lock (_gate)
        {
            if (File.Exists(path))
            {
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & HandoffFile.OthersMay) != 0)
                {
                    throw new UsageException($"The badge sheet '{path}' can be read by other accounts; its QR codes sign people in. Restrict it (chmod 600) "
                        + "or name a new one with --badges.");
                }

                if (!File.ReadLines(path).Take(1).SequenceEqual([Doctype]))
                {
                    throw new UsageException($"'{path}' exists and is not a BulkRegistrar badge sheet; name a new one with --badges.");
                }
            }

            try
            {
                _file.EnsureOpen();
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                throw new UsageException($"{Audit.EvidenceFailure.Problem(path, e)}: the badge sheet cannot be written, so no QR code is created (its image "
                    + "exists only in Graph's answer). Fix it (or name another with --badges) and run again. Nothing was sent.");
            }
        }
    }

    /// <summary>Appends one badge, written through to the disk.</summary>
    /// <exception cref="IOException">It could not be written; the sheet is <see cref="Unusable"/> from then on.</exception>
    public void Write(string displayName, string upn, byte[] png, DateTimeOffset expire)
    {
        // The last moment it works, as a day in the run's time zone: a code expiring at midnight works through the day before.
        var lastDay = TimeZoneInfo.ConvertTime(expire.AddTicks(-1), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var badge = "<section class=\"badge\"><img class=\"qr\" alt=\"QR code\" src=\"data:image/png;base64," + Convert.ToBase64String(png) + "\">"
            + "<div class=\"who\"><p class=\"name\">" + WebUtility.HtmlEncode(displayName) + "</p><p class=\"upn\">" + WebUtility.HtmlEncode(upn)
            + "</p><p class=\"until\">Valid until <time datetime=\"" + QrSpec.Iso(expire) + "\">" + lastDay + "</time></p>"
            + "<p class=\"pin\">PIN: handed over separately</p></div></section>\n";
        lock (_gate)
        {
            try
            {
                _file.Append(Encoding.UTF8.GetBytes(badge));
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                _unusable ??= Audit.EvidenceFailure.Problem(path, e);
                throw new IOException(_unusable, e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }

    private const string Doctype = "<!doctype html>";

    /// <summary>The page's head: print CSS for A4 and Letter (named pages, chosen by the radio buttons through :has()), no script.</summary>
    private const string Head = Doctype + """

        <html lang="en"><meta charset="utf-8"><title>QR code + PIN badges</title>
        <style>
        @page a4 { size: A4; margin: 10mm; }
        @page letter { size: letter; margin: 10mm; }
        body { font-family: system-ui, sans-serif; margin: 0; color: #111; }
        main { page: a4; padding: 4mm; }
        body:has(#letter:checked) main { page: letter; }
        .paper { margin: 4mm; font-size: 10pt; }
        .badge { display: inline-flex; box-sizing: border-box; width: 85.6mm; height: 54mm; margin: 2mm; padding: 3mm; gap: 3mm;
          border: 0.3mm dashed #888; border-radius: 3mm; vertical-align: top; overflow: hidden;
          break-inside: avoid; page-break-inside: avoid; }
        .qr { width: 44mm; height: 44mm; align-self: center; image-rendering: pixelated; flex: none; }
        .who { display: flex; flex-direction: column; justify-content: center; min-width: 0; }
        .who p { margin: 0 0 1.5mm; overflow-wrap: anywhere; }
        .name { font-size: 12pt; font-weight: 700; }
        .upn { font-size: 8pt; }
        .until { font-size: 9pt; }
        .pin { font-size: 7pt; color: #555; }
        @media print { .paper { display: none; } main { padding: 0; } }
        </style>
        <p class="paper">Print on <label><input type="radio" name="paper" id="a4" checked> A4</label>
        <label><input type="radio" name="paper" id="letter"> US Letter</label>, at 100% (no "fit to page"); cut along the dashed lines.
        The PINs are not on this sheet: hand them over separately. Keep this file as you keep the hand-off file, and delete it once printed.</p>
        <main>

        """;
}

using System.Globalization;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// A QR code + PIN's cells — QrCodePin, QrCodeStart, QrCodeExpiry — judged before anything is sent. A PIN never comes from the input
/// CSV: a QrPin column refuses the whole file before its first record is read (<see cref="MethodColumn.RefusedBecause"/>), so no PIN
/// reaches a record, a log or the console. Dates are read as a TapStart is (<see cref="TapStartText"/>: local in Run:TimeZone, or with
/// an offset; daylight-saving gaps and repeats refused); an expiry written as a date alone means the end of that day.
/// </summary>
internal sealed partial class QrCodePinMethod
{
    public static MethodColumn Cell { get; } = new("QrCodePin", "QrCodePin", "QR code PIN", "QrCode", "QR code", "IssueQrCode");

    public static MethodColumn StartCell { get; } = new("QrCodeStart", "QrCodeStart", "QR code start", "QrStart");

    public static MethodColumn ExpiryCell { get; } = new("QrCodeExpiry", "QrCodeExpiry", "QR code expiry", "QrExpiry", "QrCodeExpires");

    /// <summary>Never read: its presence refuses the file (a PIN in HR's file is a secret copied, mailed and opened in spreadsheets).</summary>
    public static MethodColumn PinCell { get; } = new("QrPin", "QrPin", "QR PIN", "QrCodePinCode", "PIN")
    {
        RefusedBecause = "The file '{0}' has a QrPin column: a PIN is never read from the input CSV (it is copied, mailed and opened in "
            + "spreadsheets). Remove the column and delete the copies; Graph generates each PIN (it goes to the hand-off file only), or give the "
            + "PINs you chose in an owner-only file with --new-pins FILE. Nothing was read or sent.",
    };

    public override IReadOnlyList<MethodColumn> Columns => [Cell, StartCell, ExpiryCell, PinCell];

    public override MethodCheck? Check(RowCells row)
    {
        var cell = row[Cell];
        if (cell is null)
        {
            return null;
        }

        if (!CellVocabulary.TryParseSwitch(cell, out var issue))
        {
            return Invalid(cell, $"The QrCodePin column says '{cell}'; write true or false (yes/no also work), or leave it empty. The PIN itself never "
                + "goes in the CSV.");
        }

        if (!issue)
        {
            return null;
        }

        if (row.Action == RowAction.Remove)
        {
            return Invalid(cell, "A QR code + PIN is issued on register rows only; this row removes methods. Put it on a row of its own.");
        }

        DateTimeOffset? start = null, expiry = null;
        if (row[StartCell] is { } startText)
        {
            var parsed = TapStartText.Parse(startText, row.Defaults.Zone, StartCell.Key);
            if (parsed.Problem is { } problem)
            {
                return Invalid(cell, problem);
            }

            start = parsed.Start;
        }

        if (row[ExpiryCell] is { } expiryText)
        {
            // A date alone is the last day the badge works: it expires when the next day begins.
            var dateOnly = DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
            var parsed = TapStartText.Parse(dateOnly ? day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : expiryText,
                row.Defaults.Zone, ExpiryCell.Key);
            if (parsed.Problem is { } problem)
            {
                return Invalid(cell, problem); // never for a date alone, which always names a day's beginning
            }

            expiry = parsed.Start;
        }

        if (start is { } s && expiry is { } e && (e <= s || e - s > TimeSpan.FromDays(QrSpec.MaxLifetimeDays)))
        {
            return Invalid(cell, $"QrCodeExpiry must come after QrCodeStart and at most {QrSpec.MaxLifetimeDays} days later (Graph's longest standard QR "
                + $"code; the tenant's policy may allow less): {QrSpec.Show(s)} to {QrSpec.Show(e)} is not.");
        }

        return new MethodCheck(Kind, cell, new QrSpec(start, expiry).Format());
    }

    private MethodCheck Invalid(string input, string message) => new(Kind, input, null, Validation.ErrorCodes.InvalidQrCodePin, message);
}

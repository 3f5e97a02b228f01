using System.Globalization;
using BulkRegistrar.Privacy;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>
/// A token's cells: ours (OathSerial, OathSecret, OathTimeInterval, OathManufacturer, OathModel, OathHashFunction) or, by the same aliases,
/// the portal's upload file as it is (<c>upn,serial number,secret key,time interval,manufacturer,model</c>). The secret key is checked
/// here and then carried in <see cref="MethodCheck.Secret"/> only: the audit's <c>input</c> is the serial, and the key is registered with
/// <see cref="KnownSecrets"/> the moment it is read, so no log line can carry it.
/// </summary>
internal sealed partial class HardwareOathMethod
{
    public static MethodColumn SerialCell { get; } = new("OathSerial", "OathSerial", "serial number", "SerialNumber", "Oath serial number");

    public static MethodColumn SecretCell { get; } = new("OathSecret", "OathSecret", "secret key", "SecretKey", "OathSecretKey");

    public static MethodColumn IntervalCell { get; } = new("OathTimeInterval", "OathTimeInterval", "time interval", "TimeInterval",
        "timeIntervalInSeconds");

    public static MethodColumn ManufacturerCell { get; } = new("OathManufacturer", "OathManufacturer", "manufacturer");

    public static MethodColumn ModelCell { get; } = new("OathModel", "OathModel", "model");

    public static MethodColumn HashCell { get; } = new("OathHashFunction", "OathHashFunction", "hash function", "hashFunction");

    /// <summary>What the portal's file may leave out and Graph requires [ours: the portal fills neither].</summary>
    public const string Unknown = "Unknown";

    public override IReadOnlyList<MethodColumn> Columns => [SerialCell, SecretCell, IntervalCell, ManufacturerCell, ModelCell, HashCell];

    public override bool Beta => true;

    public override MethodCheck? Check(RowCells row)
    {
        var serial = row[SerialCell];
        var secretText = KnownSecrets.Add(row[SecretCell]);
        if (serial is null && secretText is null)
        {
            return null;
        }

        // What the audit shows of the cells: the serial, never the key.
        var input = serial ?? "(no serial number)";
        if (!row.Defaults.Beta)
        {
            return Invalid(input, "Hardware OATH tokens go through Microsoft Graph's beta endpoints: run with --beta to register them.",
                ErrorCodes.BetaRequired);
        }

        if (row.Action != RowAction.Register)
        {
            return Invalid(input, "A hardware OATH token is assigned on register rows only; revert unassigns what a run assigned.");
        }

        if (serial is null || serial.Any(c => char.IsWhiteSpace(c) || c == ';') || serial.Length > 64)
        {
            return Invalid(input, serial is null
                ? "The row has a secret key but no serial number: write the token's serial number (it is printed on the token)."
                : "The serial number must be one word of at most 64 characters, without spaces or ';'.");
        }

        string? secret = null;
        if (secretText is not null)
        {
            secret = KnownSecrets.Add(OathCode.NormalizeSecret(secretText));
            if (secret is null || OathCode.Bits(secret) < 80)
            {
                return Invalid(input, $"The secret key of {serial} is not a base32 key of at least 80 bits (16 characters A–Z, 2–7): check the "
                    + "vendor's file (a hex key must be converted to base32).");
            }
        }

        var interval = 30;
        if (row[IntervalCell] is { } intervalText
            && (!int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out interval) || interval is not (30 or 60)))
        {
            return Invalid(input, $"The time interval of {serial} is '{intervalText}': Graph takes 30 or 60 (seconds).");
        }

        var hash = OathSpec.Sha1;
        if (row[HashCell] is { } hashText)
        {
            var word = hashText.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            hash = word switch
            {
                "hmacsha1" or "sha1" => OathSpec.Sha1,
                "hmacsha256" or "sha256" => OathSpec.Sha256,
                _ => "",
            };
            if (hash.Length == 0)
            {
                return Invalid(input, $"The hash function of {serial} is '{hashText}': Graph takes hmacsha1 or hmacsha256.");
            }
        }

        var manufacturer = row[ManufacturerCell] ?? Unknown;
        if (manufacturer.Contains(';', StringComparison.Ordinal))
        {
            return Invalid(input, $"The manufacturer of {serial} contains ';', which this tool cannot carry: leave it out.");
        }

        // No key: a token of the inventory can still be assigned (an export read back), but not activated.
        var activate = secret is not null && !row.Defaults.OathNoActivate;
        var spec = new OathSpec(serial, interval, hash, activate, manufacturer, row[ModelCell] ?? Unknown);
        return new MethodCheck(Kind, serial, spec.Format()) { Secret = secret };
    }

    private MethodCheck Invalid(string input, string message, string error = ErrorCodes.InvalidOathToken) => new(Kind, input, null, error, message);
}

using System.Globalization;

namespace BulkRegistrar.Methods.HardwareOath;

/// <summary>
/// What a row asks of a hardware OATH token, without its secret key: the serial number (the token's identity in the tenant's
/// inventory), its interval and hash, who made it, and whether it is activated. Carried through the pipeline as its
/// <see cref="Format"/> text (the audit's <c>normalized</c>); the secret key travels beside it, in <c>DesiredMethod.Secret</c> only.
/// </summary>
internal sealed record OathSpec(string Serial, int Interval, string Hash, bool Activate, string Manufacturer, string Model)
{
    public const string Sha1 = "hmacsha1";
    public const string Sha256 = "hmacsha256";

    /// <summary><c>HW-0001;30;hmacsha1;activate;Contoso;Token 1000</c> (the model last: it may hold anything but a line break).</summary>
    public string Format() => string.Join(';', Serial, Interval.ToString(CultureInfo.InvariantCulture), Hash, Activate ? "activate" : "assign",
        Manufacturer, Model);

    public static OathSpec Parse(string? text)
    {
        var p = (text ?? "").Split(';', 6);
        return p.Length < 6
            ? new OathSpec(p[0], 30, Sha1, false, "", "")
            : new OathSpec(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), p[2], p[3] == "activate", p[4], p[5]);
    }

    /// <summary>The serial of a recorded value (an audit's <c>normalized</c>), for revert and the report.</summary>
    public static string SerialOf(string? text) => (text ?? "").Split(';', 2)[0];
}

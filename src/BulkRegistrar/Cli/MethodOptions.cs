using System.CommandLine;
using BulkRegistrar.Methods.Password;
using BulkRegistrar.Methods.QrCodePin;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Cli;

/// <summary>
/// The whole-file flags for a Temporary Access Pass and a password reset. A row's own IssueTap/Tap*/ResetPassword
/// cells win over them; the flags fill what a row leaves blank.
/// </summary>
internal sealed class MethodOptions
{
    public Option<bool> IssueTap { get; } = new("--issue-tap")
    {
        Description = "Issue a Temporary Access Pass to every user of the file (a row's IssueTap cell wins). The pass goes only to the hand-off file.",
    };

    public Option<string?> TapStart { get; } = new("--tap-start")
    {
        Description = "When passes start: yyyy-MM-dd[ HH:mm] in Run:TimeZone, an ISO date-time with offset, or hireDate (each user's "
            + "employeeHireDate; a row's TapStart wins).",
        HelpName = "DATE",
    };

    public Option<string?> TapLifetime { get; } = new("--tap-lifetime")
    {
        Description = "Pass lifetime in minutes, 10 to 43200 (a row's TapLifetimeMinutes wins; default: the tenant policy's).",
        HelpName = "MINUTES",
    };

    public Option<string?> TapUsableOnce { get; } = new("--tap-usable-once")
    {
        Description = "true: one sign-in per pass; false: multi-use within its lifetime (a row's TapUsableOnce wins).",
        HelpName = "true|false",
    };

    public Option<string?> NewPasswords { get; } = new("--new-passwords")
    {
        Description = "Reset to passwords you chose: a CSV UserPrincipalName,Password, owner-only (chmod 600). Never put passwords in the input CSV. A "
            + "user not in it is not reset.",
        HelpName = "FILE",
    };

    public Option<string?> NewPins { get; } = new("--new-pins")
    {
        Description = "QR code + PIN with PINs you chose: a CSV UserPrincipalName,Pin (8-20 digits), owner-only (chmod 600). Never put PINs in the "
            + "input CSV. A user not in it gets no QR code.",
        HelpName = "FILE",
    };

    public Option<bool> ResetPassword { get; } = new("--reset-password")
    {
        Description = "Reset every user's password (Graph generates it; it goes only to the hand-off file). Needs delegated sign-in (--device-code).",
    };

    public Option<bool> Beta { get; } = new("--beta")
    {
        Description = "Accept methods Microsoft Graph offers only in beta (hardware OATH tokens: the portal's upload CSV or Oath* columns). Beta "
            + "endpoints may change.",
    };

    public Option<bool> OathNoActivate { get; } = new("--oath-no-activate")
    {
        Description = "Leave hardware OATH tokens assigned but not activated (the user activates with a code); default: activated from the secret key.",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { IssueTap, TapStart, TapLifetime, TapUsableOnce, ResetPassword, NewPasswords, NewPins, Beta, OathNoActivate })
        {
            command.Add(option);
        }
    }

    /// <summary>--replace-tap, --replace-qr: the methods whose credential a user already holds is replaced all the same.</summary>
    public static IReadOnlySet<MethodKind>? Replacing(bool replaceTap, bool replaceQr = false)
    {
        var replaced = new HashSet<MethodKind>();
        if (replaceTap)
        {
            replaced.Add(TapMethod.Instance.Kind);
        }

        if (replaceQr)
        {
            replaced.Add(QrCodePinMethod.Instance.Kind);
        }

        return replaced.Count == 0 ? null : replaced;
    }

    public MethodFlags Read(ParseResult parse) => new(parse.GetValue(IssueTap), parse.GetValue(TapStart), parse.GetValue(TapLifetime),
        parse.GetValue(TapUsableOnce), parse.GetValue(ResetPassword), parse.GetValue(NewPasswords), parse.GetValue(NewPins))
    {
        Beta = parse.GetValue(Beta), OathNoActivate = parse.GetValue(OathNoActivate),
    };

    /// <summary>The options' names and values as given (flags without a value), for a command line that gives them again.</summary>
    public IEnumerable<(string Option, string? Value)> Given(MethodFlags flags)
    {
        foreach (var (option, on) in new[] { (IssueTap, flags.IssueTap), (ResetPassword, flags.ResetPassword), (Beta, flags.Beta),
            (OathNoActivate, flags.OathNoActivate) })
        {
            if (on)
            {
                yield return (option.Name, null);
            }
        }

        (Option<string?> Option, string? Value)[] valued =
            [(TapStart, flags.TapStart), (TapLifetime, flags.TapLifetime), (TapUsableOnce, flags.TapUsableOnce), (NewPasswords, flags.NewPasswords),
                (NewPins, flags.NewPins)];
        foreach (var (option, value) in valued)
        {
            if (value is not null)
            {
                yield return (option.Name, value);
            }
        }
    }
}

/// <summary>The values of <see cref="MethodOptions"/> for one run (null or false: not given).</summary>
internal sealed record MethodFlags(bool IssueTap = false, string? TapStart = null, string? TapLifetime = null, string? TapUsableOnce = null,
    bool ResetPassword = false, string? NewPasswords = null, string? NewPins = null)
{
    /// <summary>--beta: methods Graph offers only in beta are accepted (the banner and summary.json say so).</summary>
    public bool Beta { get; init; }

    /// <summary>--oath-no-activate: hardware OATH tokens are assigned, not activated.</summary>
    public bool OathNoActivate { get; init; }

    /// <summary>What the banner and summary.json say of a --beta run.</summary>
    public const string BetaWarning = "--beta: hardware OATH tokens go through Microsoft Graph's beta endpoints, which may change or break without notice.";

    public MethodDefaults Defaults(AppSettings settings) => new(
        IssueTap, TapStart, TapLifetime, TapUsableOnce, ResetPassword, Zone(settings.Run.TimeZone), settings.Phone.AllowVanityNumbers, Beta,
        OathNoActivate);

    /// <summary>
    /// The run may issue a secret for the hand-off file: a pass (flag or IssueTap column), or a generated password (a reset
    /// without --new-passwords). Then the hand-off file is made before anything is sent.
    /// </summary>
    public bool WantsSecrets(string csv, AppSettings settings, string? encoding) =>
        IssueTap || HasColumn(csv, settings, encoding, TapMethod.IssueCell) || (NewPasswords is null && WantsReset(csv, settings, encoding))
        || (NewPins is null && WantsQrCodes(csv, settings, encoding));

    /// <summary>QR codes + PINs may be created: the file has a QrCodePin column (then the badge sheet is made before anything is sent).</summary>
    public static bool WantsQrCodes(string csv, AppSettings settings, string? encoding) => HasColumn(csv, settings, encoding, QrCodePinMethod.Cell);

    /// <summary>Password reset is asked for: by the flag, or by a ResetPassword column in the file's header.</summary>
    public bool WantsReset(string csv, AppSettings settings, string? encoding) =>
        ResetPassword || HasColumn(csv, settings, encoding, PasswordMethod.Cell);

    private static bool HasColumn(string csv, AppSettings settings, string? encoding, MethodColumn column)
    {
        try
        {
            using var reader = CsvRowReader.Open(csv, settings.Csv, encoding);
            return reader.HasColumn(ColumnAliases.FieldOf(column));
        }
        catch (Exception e) when (e is InputFileException or IOException or UnauthorizedAccessException)
        {
            return false; // the run itself reports a file it cannot read, with the usual accounting
        }
    }

    private static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"Run:TimeZone '{id}' is not a time zone this computer knows; use an IANA id such as Europe/London (or a Windows id).");
        }
    }
}

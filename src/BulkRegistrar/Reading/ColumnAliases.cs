using System.Text;

namespace BulkRegistrar.Reading;

/// <summary>
/// The built-in header aliases and the normalisation every header and alias goes through, so
/// that "Mobile phone", "MOBILE_PHONE" and "mobilePhone" are the same column.
/// </summary>
internal static class ColumnAliases
{
    /// <summary>The <c>Csv:Columns</c> keys, in <see cref="RowField"/> order.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "User", "MobilePhone", "AlternateMobilePhone", "OfficePhone", "Email",
        "Region", "SmsSignIn", "PhoneNumber", "PhoneType", "Action",
        "IssueTap", "TapStart", "TapLifetimeMinutes", "TapUsableOnce", "ResetPassword", "ObjectId",
    ];

    // Kept identical to the shipped appsettings.json so the tool behaves the same without it.
    private static readonly string[][] Defaults =
    [
        ["UserPrincipalName", "upn", "User principal name", "user", "UserId", "Sign-in name", "Username", "Work email"],
        ["MobilePhone", "mobile", "Mobile phone", "cell", "Cell phone", "Mobile number"],
        ["AlternateMobilePhone", "alternateMobile", "Alternate mobile phone", "Alternate mobile", "authenticationAlternativePhoneNumber"],
        ["OfficePhone", "office", "Office phone", "businessPhone", "Business phone", "Work phone", "businessPhones", "telephoneNumber"],
        ["Email", "AlternateEmail", "Personal email", "Alternate email", "authenticationEmail"],
        ["Region", "Country", "CountryCode", "Country code", "usageLocation", "Country/Region", "CountryOrRegion"],
        ["SmsSignIn", "SMS sign-in", "EnableSmsSignIn"],
        ["PhoneNumber", "Phone number", "Phone"],
        ["PhoneType", "Phone type", "Type"],
        ["Action"],
        ["IssueTap", "Issue TAP", "TemporaryAccessPass", "Temporary Access Pass"],
        ["TapStart", "TAP start", "TapStartDate"],
        ["TapLifetimeMinutes", "TAP lifetime", "TapLifetime"],
        ["TapUsableOnce", "TAP usable once", "TapOneTime"],
        ["ResetPassword", "Reset password"],
        ["ObjectId", "Object Id"],
    ];

    // Where two columns match one field, these names win (docs/input-formats.md): the sign-in name over other
    // user columns, the usage location (what Entra uses for a phone's region) over a country.
    private static readonly HashSet<string> Preferred = ["userprincipalname", "upn", "usagelocation"];

    // A phone column whose header does not say "phone" ("Office" in Microsoft 365's export is a place) is
    // a phone column only when its cells hold phone numbers.
    private static readonly string[] PhoneWords = ["phone", "mobile", "cell", "number", "tel", "fax"];

    /// <summary>A fresh copy of the defaults, keyed case-insensitively like configuration keys.</summary>
    public static Dictionary<string, string[]> CreateDefaults()
    {
        var columns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Keys.Count; i++)
        {
            columns[Keys[i]] = (string[])Defaults[i].Clone();
        }

        return columns;
    }

    public static bool TryGetField(string key, out RowField field)
    {
        for (var i = 0; i < Keys.Count; i++)
        {
            if (string.Equals(Keys[i], key, StringComparison.OrdinalIgnoreCase))
            {
                field = (RowField)i;
                return true;
            }
        }

        field = default;
        return false;
    }

    public static string KeyOf(RowField field) => Keys[(int)field];

    /// <summary>Whether a header matched through <paramref name="normalizedAlias"/> wins over another column of the same field.</summary>
    public static bool IsPreferred(string normalizedAlias) => Preferred.Contains(normalizedAlias);

    /// <summary>A phone field matched by a name that does not say phone: its cells must show it is one.</summary>
    public static bool NeedsPhoneEvidence(RowField field, string normalizedAlias) =>
        field is RowField.Mobile or RowField.AlternateMobile or RowField.Office or RowField.PhoneNumber
        && !PhoneWords.Any(w => normalizedAlias.Contains(w, StringComparison.Ordinal));

    /// <summary>Lower-case letters and digits only: case, spaces and punctuation never matter.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The defaults merged with <paramref name="options"/> (see <see cref="CsvOptions.Columns"/>).</summary>
    public static AliasTable Build(CsvOptions options)
    {
        var table = new AliasTable();
        var defaults = CreateDefaults();
        foreach (var (key, aliases) in defaults)
        {
            TryGetField(key, out var field);
            table.AddAll(field, aliases);
        }

        foreach (var (key, aliases) in options.Columns)
        {
            if (TryGetField(key, out var field))
            {
                table.AddAll(field, aliases ?? []);
            }
            else
            {
                table.Errors.Add($"Csv:Columns:{key} is not a known column; use one of {string.Join(", ", Keys)}.");
            }
        }

        return table;
    }
}

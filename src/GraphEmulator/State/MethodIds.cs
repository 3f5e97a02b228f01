namespace GraphEmulator.State;

internal enum PhoneKind
{
    Mobile = 0,
    AlternateMobile = 1,
    Office = 2,
}

/// <summary>The fixed method ids Graph uses (docs/graph-behaviour.md §1.1 [doc], §3.1/§3.3 [doc examples]).</summary>
internal static class MethodIds
{
    public const string Mobile = "3179e48a-750b-4051-897c-87b9720928f7";
    public const string AlternateMobile = "b6332ec1-7057-4abe-9331-3d72feddfe41";
    public const string Office = "e37fc753-ff3b-4958-9484-eaa9425c82bc";
    public const string Email = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";
    public const string Password = "28c10230-6103-485e-b985-444c60001490";

    public static string ForPhone(PhoneKind kind) => kind switch
    {
        PhoneKind.Mobile => Mobile,
        PhoneKind.AlternateMobile => AlternateMobile,
        _ => Office,
    };

    public static bool TryPhoneKindFromId(string id, out PhoneKind kind)
    {
        kind = id.ToLowerInvariant() switch
        {
            Mobile => PhoneKind.Mobile,
            AlternateMobile => PhoneKind.AlternateMobile,
            Office => PhoneKind.Office,
            _ => (PhoneKind)(-1),
        };
        return (int)kind >= 0;
    }

    /// <summary>Enum values are matched case-insensitively, as OData does for enum literals.</summary>
    public static bool TryParsePhoneType(string? text, out PhoneKind kind)
    {
        kind = text?.ToLowerInvariant() switch
        {
            "mobile" => PhoneKind.Mobile,
            "alternatemobile" => PhoneKind.AlternateMobile,
            "office" => PhoneKind.Office,
            _ => (PhoneKind)(-1),
        };
        return (int)kind >= 0;
    }

    public static string PhoneTypeName(PhoneKind kind) => kind switch
    {
        PhoneKind.Mobile => "mobile",
        PhoneKind.AlternateMobile => "alternateMobile",
        _ => "office",
    };
}

using GraphEmulator.State;

namespace GraphEmulator.Graph;

/// <summary>Every operation the emulator serves (docs/emulator.md "What is served").</summary>
internal static class RouteTable
{
    private const string A = "authentication/";
    private const string Qr = A + "qrCodePinMethod";
    private const string Oath = A + "hardwareOathMethods";
    private const string Devices = "directory/authenticationMethodDevices/hardwareOathDevices";
    private const string Policy = "policies/authenticationMethodsPolicy";

    /// <summary>Operations under users/{id}.</summary>
    public static readonly RouteDef[] User =
    [
        new("GET", "", RouteKind.UserGet, Access.UserRead, null),
        new("GET", "manager", RouteKind.ManagerGet, Access.UserRead, null),
        new("GET", "memberOf", RouteKind.MemberOf, Access.MemberOf, null),
        new("GET", "transitiveMemberOf", RouteKind.TransitiveMemberOf, Access.MemberOf, null),
        new("POST", "checkMemberGroups", RouteKind.CheckMemberGroups, Access.MemberGroups, null) { ReadOnlyAction = true },
        new("POST", "getMemberGroups", RouteKind.GetMemberGroups, Access.MemberGroups, null) { ReadOnlyAction = true },
        new("POST", "revokeSignInSessions", RouteKind.RevokeSessions, Access.RevokeSessions, null),
        new("GET", A + "methods", RouteKind.MethodsList, Access.MethodsRead, null),
        new("GET", A + "methods/{id}", RouteKind.MethodGet, Access.MethodsRead, null),
        new("POST", A + "methods/{id}/resetPassword", RouteKind.ResetPassword, Access.DelegatedOnly, "Password"),
        new("GET", A + "operations/{id}", RouteKind.OperationGet, Access.DelegatedOnly, "Password"),
        new("GET", A + "phoneMethods", RouteKind.PhoneList, Access.MethodsRead, "Phone"),
        new("POST", A + "phoneMethods", RouteKind.PhoneCreate, Access.MethodsWrite, "Phone"),
        new("GET", A + "phoneMethods/{id}", RouteKind.PhoneGet, Access.MethodsRead, "Phone"),
        new("PATCH", A + "phoneMethods/{id}", RouteKind.PhoneUpdate, Access.MethodsWrite, "Phone"),
        new("DELETE", A + "phoneMethods/{id}", RouteKind.PhoneDelete, Access.MethodsWrite, "Phone"),
        new("POST", A + "phoneMethods/{id}/enableSmsSignIn", RouteKind.PhoneEnableSms, Access.MethodsWrite, "Phone"),
        new("POST", A + "phoneMethods/{id}/disableSmsSignIn", RouteKind.PhoneDisableSms, Access.MethodsWrite, "Phone"),
        new("GET", A + "emailMethods", RouteKind.EmailList, Access.MethodsRead, "Email"),
        new("POST", A + "emailMethods", RouteKind.EmailCreate, Access.MethodsWrite, "Email"),
        new("GET", A + "emailMethods/{id}", RouteKind.EmailGet, Access.MethodsRead, "Email"),
        new("PATCH", A + "emailMethods/{id}", RouteKind.EmailUpdate, Access.MethodsWrite, "Email"),
        new("DELETE", A + "emailMethods/{id}", RouteKind.EmailDelete, Access.MethodsWrite, "Email"),
        new("GET", A + "temporaryAccessPassMethods", RouteKind.TapList, Access.MethodsRead, "TAP"),
        new("POST", A + "temporaryAccessPassMethods", RouteKind.TapCreate, Access.MethodsWrite, "TAP"),
        new("GET", A + "temporaryAccessPassMethods/{id}", RouteKind.TapGet, Access.MethodsRead, "TAP"),
        new("DELETE", A + "temporaryAccessPassMethods/{id}", RouteKind.TapDelete, Access.MethodsWrite, "TAP"),
        new("GET", A + "passwordMethods", RouteKind.PasswordList, Access.MethodsRead, "Password"),
        new("GET", A + "passwordMethods/{id}", RouteKind.PasswordGet, Access.MethodsRead, "Password"),
        .. MethodKinds.All.SelectMany(Registered),
        new("POST", A + "externalAuthenticationMethods", RouteKind.ExternalCreate, Access.MethodsWrite, "External") { MethodKind = MethodKinds.External },
        new("PUT", Qr, RouteKind.QrPut, Access.MethodsWrite, "QR"),
        new("GET", Qr, RouteKind.QrGet, Access.MethodsRead, "QR"),
        new("DELETE", Qr, RouteKind.QrDelete, Access.MethodsWrite, "QR"),
        .. new[] { "standardQRCode", "temporaryQRCode" }.SelectMany(code => new RouteDef[]
        {
            new("GET", Qr + "/" + code, RouteKind.QrCodeGet, Access.MethodsRead, "QR"),
            new("PATCH", Qr + "/" + code, RouteKind.QrCodePatch, Access.MethodsWrite, "QR"),
            new("DELETE", Qr + "/" + code, RouteKind.QrCodeDelete, Access.MethodsWrite, "QR"),
        }),
        new("PATCH", Qr + "/pin", RouteKind.QrPinPatch, Access.MethodsWrite, "QR"),
        new("POST", Oath, RouteKind.OathAssign, Access.MethodsWrite, null) { BetaOnly = true, MethodKind = MethodKinds.HardwareOath },
        new("POST", Oath + "/{id}/activate", RouteKind.OathActivate, Access.MethodsWrite, null) { BetaOnly = true, MethodKind = MethodKinds.HardwareOath },
        new("POST", Oath + "/assignAndActivate", RouteKind.OathAssignAndActivate, Access.MethodsWrite,
            null) { BetaOnly = true, MethodKind = MethodKinds.HardwareOath },
        new("POST", Oath + "/assignAndActivateBySerialNumber", RouteKind.OathAssignBySerial, Access.MethodsWrite,
            null) { BetaOnly = true, MethodKind = MethodKinds.HardwareOath },
    ];

    /// <summary>Tenant resources: the methods policy and the hardware OATH inventory (beta).</summary>
    public static readonly RouteDef[] Tenant =
    [
        new("GET", Policy, RouteKind.PolicyGet, Access.PolicyRead, null) { TenantRoute = true },
        new("GET", Policy + "/authenticationMethodConfigurations/{id}", RouteKind.PolicyConfigGet, Access.PolicyRead, null) { TenantRoute = true },
        new("GET", Devices, RouteKind.OathDeviceList, Access.PolicyRead, null) { TenantRoute = true, BetaOnly = true },
        new("POST", Devices, RouteKind.OathDeviceCreate, Access.PolicyWrite, null) { TenantRoute = true, BetaOnly = true },
        new("PATCH", Devices, RouteKind.OathDeviceBulk, Access.PolicyWrite, null) { TenantRoute = true, BetaOnly = true },
        new("GET", Devices + "/{id}", RouteKind.OathDeviceGet, Access.PolicyRead, null) { TenantRoute = true, BetaOnly = true },
    ];

    /// <summary>List, get and delete of a method kind (the user registers these elsewhere; Graph reads and removes them).</summary>
    private static RouteDef[] Registered(MethodKind k) =>
    [
        new("GET", A + k.Collection, RouteKind.RegisteredList, Access.MethodsRead, k.Family) { BetaOnly = k.BetaOnly, MethodKind = k.Key },
        new("GET", A + k.Collection + "/{id}", RouteKind.RegisteredGet, Access.MethodsRead, k.Family) { BetaOnly = k.BetaOnly, MethodKind = k.Key },
        new("DELETE", A + k.Collection + "/{id}", RouteKind.RegisteredDelete, Access.MethodsWrite, k.Family) { BetaOnly = k.BetaOnly, MethodKind = k.Key },
    ];
}

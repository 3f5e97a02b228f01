using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>enableSmsSignIn / disableSmsSignIn (docs/graph-behaviour.md §1.3 preconditions; failures 400 badRequest [emu]).</summary>
internal static class SmsSignInHandlers
{
    public static GraphResponse Enable(HandlerContext c) => OnMobile(c, (u, phone) =>
    {
        if (!u.SmsSignInAllowed)
        {
            // [emu] strict names the state the user is in; the other profiles keep the generic code.
            return GraphErrors.BadRequest("The user is not enabled for SMS sign-in by the authentication methods policy.", c.Scope,
                c.Services.Faults.Strict ? "notAllowedByPolicy" : "badRequest");
        }

        if (c.Directory.NumberOwnedByOther(u, phone.Number) || !c.Directory.TryRegisterSms(u, phone))
        {
            phone.NotUnique = true;
            // [emu] strict answers the observed 409 phoneNumberNotUnique (as on a mobile create); the other profiles keep 400 badRequest.
            return c.Services.Faults.Strict
                ? GraphErrors.Create(409, "phoneNumberNotUnique", "The phone number is already used for SMS sign-in by another user.", c.Scope)
                : c.Bad("The phone number is already used for SMS sign-in by another user.");
        }

        c.Applied();
        return c.Ok(204);
    });

    public static GraphResponse Disable(HandlerContext c) => OnMobile(c, (u, phone) =>
    {
        c.Directory.ReleaseSms(u, phone);
        phone.NotUnique = false;
        c.Applied();
        return c.Ok(204);
    });

    /// <summary>Runs <paramref name="change"/> under the user's lock, on the mobile the precheck saw (it may have gone since).</summary>
    private static GraphResponse OnMobile(HandlerContext c, Func<UserRecord, PhoneMethod, GraphResponse> change)
    {
        if (Precheck(c, out var mobile) is { } error)
        {
            return error;
        }

        var u = c.User;
        lock (u.Gate)
        {
            return u.Phone(PhoneKind.Mobile) is { } phone && phone == mobile ? change(u, phone) : c.MethodNotFound();
        }
    }

    /// <summary>Only the mobile can carry SMS sign-in; it has to exist.</summary>
    private static GraphResponse? Precheck(HandlerContext c, out PhoneMethod? mobile)
    {
        mobile = null;
        if (!MethodIds.TryPhoneKindFromId(c.MethodId, out var kind))
        {
            return c.MethodNotFound();
        }

        if (kind != PhoneKind.Mobile)
        {
            return c.Bad("SMS sign-in can only be enabled or disabled on the mobile phone method.");
        }

        lock (c.User.Gate)
        {
            mobile = c.User.Phone(PhoneKind.Mobile);
        }

        return mobile is null ? c.MethodNotFound() : null;
    }
}

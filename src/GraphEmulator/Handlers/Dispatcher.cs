using GraphEmulator.Graph;

namespace GraphEmulator.Handlers;

/// <summary>Route kind → handler. Each handler locks the user while it checks and applies its rules.</summary>
internal static class Dispatcher
{
    public static GraphResponse Dispatch(HandlerContext c) => c.Route.Kind switch
    {
        RouteKind.UserGet => UserHandlers.Get(c),
        RouteKind.ManagerGet => UserHandlers.GetManager(c),
        RouteKind.MemberOf => GroupHandlers.MemberOf(c, transitive: false),
        RouteKind.TransitiveMemberOf => GroupHandlers.MemberOf(c, transitive: true),
        RouteKind.CheckMemberGroups => GroupHandlers.Check(c),
        RouteKind.GetMemberGroups => GroupHandlers.GetAll(c),
        RouteKind.RevokeSessions => SessionHandlers.Revoke(c),
        RouteKind.MethodsList => UserHandlers.ListMethods(c),
        RouteKind.MethodGet => UserHandlers.GetMethod(c),
        RouteKind.PhoneList => PhoneHandlers.List(c),
        RouteKind.PhoneGet => PhoneHandlers.Get(c),
        RouteKind.PhoneCreate => PhoneHandlers.Create(c),
        RouteKind.PhoneUpdate => PhoneHandlers.Update(c),
        RouteKind.PhoneDelete => PhoneHandlers.Delete(c),
        RouteKind.PhoneEnableSms => SmsSignInHandlers.Enable(c),
        RouteKind.PhoneDisableSms => SmsSignInHandlers.Disable(c),
        RouteKind.EmailList => EmailHandlers.List(c),
        RouteKind.EmailGet => EmailHandlers.Get(c),
        RouteKind.EmailCreate => EmailHandlers.Create(c),
        RouteKind.EmailUpdate => EmailHandlers.Update(c),
        RouteKind.EmailDelete => EmailHandlers.Delete(c),
        RouteKind.TapList => TapHandlers.List(c),
        RouteKind.TapGet => TapHandlers.Get(c),
        RouteKind.TapCreate => TapHandlers.Create(c),
        RouteKind.TapDelete => TapHandlers.Delete(c),
        RouteKind.PasswordList => PasswordHandlers.List(c),
        RouteKind.PasswordGet => PasswordHandlers.Get(c),
        RouteKind.ResetPassword => PasswordHandlers.Reset(c),
        RouteKind.OperationGet => PasswordHandlers.GetOperation(c),
        RouteKind.RegisteredList => RegisteredHandlers.List(c),
        RouteKind.RegisteredGet => RegisteredHandlers.Get(c),
        RouteKind.RegisteredDelete => RegisteredHandlers.Delete(c),
        RouteKind.ExternalCreate => RegisteredHandlers.CreateExternal(c),
        RouteKind.QrPut => QrCodePinHandlers.Put(c),
        RouteKind.QrGet => QrCodePinHandlers.Get(c),
        RouteKind.QrDelete => QrCodePinHandlers.Delete(c),
        RouteKind.QrCodeGet => QrCodeHandlers.Get(c),
        RouteKind.QrCodePatch => QrCodeHandlers.Patch(c),
        RouteKind.QrCodeDelete => QrCodeHandlers.Delete(c),
        RouteKind.QrPinPatch => QrCodePinHandlers.ResetPin(c),
        RouteKind.OathAssign => OathMethodHandlers.Assign(c),
        RouteKind.OathActivate => OathMethodHandlers.Activate(c),
        RouteKind.OathAssignAndActivate => OathMethodHandlers.AssignAndActivate(c),
        RouteKind.OathAssignBySerial => OathMethodHandlers.AssignAndActivateBySerial(c),
        _ => c.Bad("Unsupported operation."),
    };
}

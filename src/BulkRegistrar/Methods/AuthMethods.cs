using System.Runtime.CompilerServices;
using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.External;
using BulkRegistrar.Methods.HardwareOath;
using BulkRegistrar.Methods.Password;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Reregister;
using BulkRegistrar.Methods.QrCodePin;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Planning;
using BulkRegistrar.Privacy;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods;

/// <summary>
/// The registration: every method the tool handles, in the order a row's cells are judged and the audit lists them. A
/// method is added by writing its description (a class deriving from <see cref="AuthMethod"/>, in a folder of its own
/// under <c>Methods/</c>), giving it a member of <see cref="MethodKind"/>, and listing it in <see cref="All"/>. The folders below
/// <c>Methods/</c> see the list too, each through the interface it declares of a method, because <see cref="Register"/> hands it to
/// them (<see cref="MethodRegistry{TFacet}"/>): they ask every description and name none.
/// <para>
/// The order of a user's writes is each description's <see cref="AuthMethod.PlanOrder"/>, in bands: 0 switches turned
/// off (SMS sign-in, before its mobile may go); 100–199 removals (alternate 100 before office and e-mail 110, mobile 130
/// last: a mobile cannot go while an alternate exists); 200–299 registrations (mobile 200 first, alternate 210 needs it,
/// office and e-mail 220); 300 switches turned on (SMS sign-in, once the mobile is in place); 400 the Temporary Access Pass
/// (after the methods it helps register); 450 a QR code + PIN; 500 the password; 600 a hardware OATH token (beta). Equal numbers keep the order of
/// <see cref="All"/>.
/// </para>
/// </summary>
internal static class AuthMethods
{
    public static IReadOnlyList<AuthMethod> All { get; } =
    [
        PhoneMethod.Mobile,
        PhoneMethod.AlternateMobile,
        PhoneMethod.Office,
        EmailMethod.Instance,
        SmsSignInMethod.Instance,
        TapMethod.Instance,
        PasswordMethod.Instance,
        ExternalMethod.Instance,
        HardwareOathMethod.Instance,
        QrCodePinMethod.Instance,
        ReregisterMethod.Instance,
        SignInSessionsMethod.Instance,
    ];

    /// <summary>The description of a method (not <see cref="MethodKind.None"/>, a row-level record's).</summary>
    public static AuthMethod Of(MethodKind kind) => MethodRegistry<AuthMethod>.Of(kind);

    /// <summary>The description of a method, or null for <see cref="MethodKind.None"/> (and anything unregistered).</summary>
    public static AuthMethod? Find(MethodKind kind) => MethodRegistry<AuthMethod>.Find(kind);

    /// <summary>The lists the given methods are read from, each once, in registry order.</summary>
    public static IReadOnlyList<MethodList> ListsOf(IEnumerable<MethodKind> kinds)
    {
        var wanted = kinds.ToHashSet();
        return [.. All.Where(m => wanted.Contains(m.Kind) && m.List is not null).Select(m => m.List!).Distinct()];
    }

    /// <summary>
    /// Hands <see cref="All"/> to the folders below, each as the interface it declares: the names every folder writes, Reading's
    /// columns, Validation's cell rules, Privacy's masks, Planning's plan rules. A module initializer, so the runtime runs it
    /// once, before any other code of this assembly — the CLI, a test or a benchmark alike — and no folder can see the list
    /// half made or not at all.
    /// </summary>
    [ModuleInitializer]
    internal static void Register()
    {
        MethodRegistry<AuthMethod>.Register(All);
        MethodRegistry<IMethod>.Register(All);
        MethodRegistry<IMethodColumns>.Register(All);
        MethodRegistry<ICellRules>.Register(All);
        MethodRegistry<IMaskedMethod>.Register(All);
        MethodRegistry<IPlanRules>.Register(All);
    }
}

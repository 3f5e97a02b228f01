using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Password;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Methods.Tap;

namespace BulkRegistrar.Methods;

/// <summary>
/// The registration: every method the tool handles, in the order a row's cells are judged and the audit lists them. A
/// method is added by writing its description (a class deriving from <see cref="AuthMethod"/>, in a folder of its own
/// under <c>Methods/</c>), giving it a member of <see cref="MethodKind"/>, and listing it in <see cref="All"/>.
/// <para>
/// The order of a user's writes is each description's <see cref="AuthMethod.PlanOrder"/>, in bands: 0 switches turned
/// off (SMS sign-in, before its mobile may go); 100–199 removals (alternate 100 before office and e-mail 110, mobile 130
/// last: a mobile cannot go while an alternate exists); 200–299 registrations (mobile 200 first, alternate 210 needs it,
/// office and e-mail 220); 300 switches turned on (SMS sign-in, once the mobile is in place); 400 the Temporary Access Pass
/// (after the methods it helps register); 500 the password. Equal numbers keep the order of <see cref="All"/>.
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
    ];

    private static readonly AuthMethod?[] ByKind = Index();

    /// <summary>The description of a method (not <see cref="MethodKind.None"/>, a row-level record's).</summary>
    public static AuthMethod Of(MethodKind kind) =>
        Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "no method is described for this kind");

    /// <summary>The description of a method, or null for <see cref="MethodKind.None"/> (and anything unregistered).</summary>
    public static AuthMethod? Find(MethodKind kind) => (uint)kind < (uint)ByKind.Length ? ByKind[(int)kind] : null;

    /// <summary>The lists the given methods are read from, each once, in registry order.</summary>
    public static IReadOnlyList<MethodList> ListsOf(IEnumerable<MethodKind> kinds)
    {
        var wanted = kinds.ToHashSet();
        return [.. All.Where(m => wanted.Contains(m.Kind) && m.List is not null).Select(m => m.List!).Distinct()];
    }

    private static AuthMethod?[] Index()
    {
        var byKind = new AuthMethod?[All.Max(m => (int)m.Kind) + 1];
        foreach (var method in All)
        {
            byKind[(int)method.Kind] = method;
        }

        return byKind;
    }
}

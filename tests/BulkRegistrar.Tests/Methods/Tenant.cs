using BulkRegistrar.Methods.Email;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Planning;

namespace BulkRegistrar.Tests.Methods;

/// <summary>What a test's user holds in the tenant, as the read stage would have parsed it.</summary>
internal static class Tenant
{
    public static CurrentMethods Holding(IReadOnlyDictionary<MethodKind, CurrentPhone>? phones = null, CurrentEmail? email = null, CurrentTap? tap = null)
    {
        var current = CurrentMethods.None.With(PhoneList.Instance, phones ?? new Dictionary<MethodKind, CurrentPhone>()).With(EmailList.Instance, email);
        return tap is null ? current : current.With(TapList.Instance, tap);
    }
}

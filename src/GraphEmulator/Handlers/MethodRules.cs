using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>Rules every write of a method shares: the methods policy's refusal and the default-method deletion rule.</summary>
internal static class MethodRules
{
    /// <summary>The text the service answers when the policy keeps a user from a method [obs]; status 400 badRequest [emu].</summary>
    public static string PolicyRefusal(string authMethodType) =>
        $"Converged UserCredentialPolicy does not allow creating or updating this authentication method. AuthMethodType [{authMethodType}].";

    /// <summary>Null when the methods policy lets the user register the method; otherwise Graph's refusal (docs/graph-behaviour.md §12.3).</summary>
    public static GraphResponse? Refused(HandlerContext c, string configurationId, string authMethodType) =>
        c.Directory.Policy.Allows(configurationId, c.User) ? null : Refusal(c, authMethodType);

    public static GraphResponse Refusal(CallContext c, string authMethodType)
    {
        c.Event("refusedByPolicy");
        return c.Bad(PolicyRefusal(authMethodType));
    }

    /// <summary>
    /// The user's default MFA method cannot be deleted while they have other methods (Graph's 400 text [obs],
    /// docs/graph-behaviour.md §3.8). Caller holds the user's gate; <paramref name="oath"/> was read before it.
    /// </summary>
    public static GraphResponse? DefaultMethodKept(HandlerContext c, string methodId, IReadOnlyList<OathDevice> oath)
    {
        var u = c.User;
        if (u.DefaultMethodId is not { } d || !string.Equals(d, methodId, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (MethodsView.RemovableIds(u.Live, oath).Any(id => !string.Equals(id, methodId, StringComparison.OrdinalIgnoreCase)))
        {
            return c.Bad("Cannot delete default method with other methods configured. Please change default method before deletion.");
        }

        u.DefaultMethodId = null; // [emu] the last method goes, and with it the default
        return null;
    }

    /// <summary>Counts a deletion of a method kind for tests ("methodDeleted:fido2").</summary>
    public static void Deleted(CallContext c, string kind)
    {
        c.Applied();
        c.Event("methodDeleted:" + kind);
    }
}

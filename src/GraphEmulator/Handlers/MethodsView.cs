using System.Text.Json.Nodes;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// Every method a user has, as <c>/authentication/methods</c> lists them (docs/graph-behaviour.md §3.4), each with
/// @odata.type so the SDK picks the derived type. Hardware OATH tokens live in the tenant inventory, so the caller
/// takes their snapshot before it locks the user (lock order: inventory, then user).
/// </summary>
internal static class MethodsView
{
    public static List<OathDevice> OathOf(CallContext c, UserRecord user) => c.Directory.Oath.SnapshotFor(user.Id);

    /// <summary>Caller holds the user's gate.</summary>
    public static IEnumerable<JsonObject> All(HandlerContext c, UserView view, IReadOnlyList<OathDevice> oath)
    {
        var u = c.User;
        yield return MethodJson.Password(typed: true);
        foreach (var p in view.Phones)
        {
            if (p is not null)
            {
                yield return MethodJson.Phone(u, p, typed: true);
            }
        }

        if (view.Email is { } e)
        {
            yield return MethodJson.Email(e, typed: true);
        }

        if (view.Tap is { } t)
        {
            yield return MethodJson.Tap(t, c.Scope.Now);
        }

        foreach (var m in view.Methods.Registered)
        {
            yield return MethodJson.Registered(m, typed: true);
        }

        if (view.Methods.QrCodePin is { } qr)
        {
            yield return QrJson.Method(qr, c.Scope.Now, typed: true);
        }

        // [emu] listed under v1.0 too, typed as the beta type: a reader must cope with a type its SDK does not know.
        foreach (var d in oath)
        {
            yield return OathJson.Method(d, u.DisplayName, typed: true, withDevice: false);
        }
    }

    /// <summary>The ids of every method except the password (which cannot be removed), for the default-method rule.</summary>
    public static IEnumerable<string> RemovableIds(UserView view, IReadOnlyList<OathDevice> oath)
    {
        foreach (var p in view.Phones)
        {
            if (p is not null)
            {
                yield return MethodIds.ForPhone(p.Kind);
            }
        }

        if (view.Email is not null)
        {
            yield return MethodIds.Email;
        }

        if (view.Tap is { } t)
        {
            yield return t.Id;
        }

        foreach (var m in view.Methods.Registered)
        {
            yield return m.Id;
        }

        if (view.Methods.QrCodePin is { } qr)
        {
            yield return qr.Id;
        }

        foreach (var d in oath)
        {
            yield return d.Id;
        }
    }
}

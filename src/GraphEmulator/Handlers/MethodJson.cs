using System.Globalization;
using System.Text.Json.Nodes;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>Wire shapes of the method resources (docs/graph-behaviour.md §1.1, §3). Call under the user's gate.</summary>
internal static class MethodJson
{
    public const string PhoneType = "#microsoft.graph.phoneAuthenticationMethod";
    public const string EmailType = "#microsoft.graph.emailAuthenticationMethod";
    public const string TapType = "#microsoft.graph.temporaryAccessPassAuthenticationMethod";
    public const string PasswordType = "#microsoft.graph.passwordAuthenticationMethod";

    public static JsonObject Phone(UserRecord user, PhoneMethod p, bool typed = false) => Typed(typed, PhoneType, new JsonObject
    {
        ["id"] = MethodIds.ForPhone(p.Kind),
        ["phoneNumber"] = p.Number,
        ["phoneType"] = MethodIds.PhoneTypeName(p.Kind),
        ["smsSignInState"] = user.SmsSignInState(p),
    });

    public static JsonObject Email(string address, bool typed = false) => Typed(typed, EmailType, new JsonObject
    {
        ["id"] = MethodIds.Email,
        ["emailAddress"] = address,
    });

    public static JsonObject Password(bool typed = false) => Typed(typed, PasswordType, new JsonObject
    {
        ["id"] = MethodIds.Password,
        ["password"] = null,
        ["createdDateTime"] = null,
    });

    /// <summary>The pass itself is only ever passed in on create; every later read shows null.</summary>
    public static JsonObject Tap(TapMethod t, DateTimeOffset now, string? pass = null, bool typed = true)
    {
        var end = t.Start.AddMinutes(t.LifetimeInMinutes);

        // A one-time pass used to sign in is spent (docs/graph-behaviour.md §3.2: methodUsabilityReason OneTimeUsed).
        var reason = t.Used && t.IsUsableOnce ? "OneTimeUsed" : now < t.Start ? "NotYetValid" : now >= end ? "Expired" : "EnabledByPolicy";
        return Typed(typed, TapType, new JsonObject
        {
            ["id"] = t.Id,
            ["temporaryAccessPass"] = pass,
            ["createdDateTime"] = Iso(t.Created),
            ["startDateTime"] = Iso(t.Start),
            ["lifetimeInMinutes"] = t.LifetimeInMinutes,
            ["isUsableOnce"] = t.IsUsableOnce,
            ["isUsable"] = reason == "EnabledByPolicy",
            ["methodUsabilityReason"] = reason,
        });
    }

    public static JsonObject Collection(string context, IEnumerable<JsonObject> items) => new()
    {
        ["@odata.context"] = context,
        ["value"] = new JsonArray([.. items]),
    };

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string? IsoOrNull(DateTimeOffset? t) => t is { } v ? Iso(v) : null;

    /// <summary>A method of the <see cref="MethodKinds"/> (docs/graph-behaviour.md §3.5): its stored properties, plus the type's fixed ones.</summary>
    public static JsonObject Registered(RegisteredMethod m, bool typed)
    {
        var o = new JsonObject { ["id"] = m.Id };
        if (m.Kind != MethodKinds.SoftwareOath)
        {
            o["createdDateTime"] = IsoOrNull(m.Created);
        }

        foreach (var (k, v) in m.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            o[k] = v;
        }

        if (m.Kind == MethodKinds.Fido2)
        {
            o["attestationCertificates"] = new JsonArray();
        }
        else if (m.Kind == MethodKinds.SoftwareOath)
        {
            o["secretKey"] = null; // documented: always null
        }

        return Typed(typed, MethodKinds.Get(m.Kind).WireType, o);
    }

    public static JsonObject Typed(bool typed, string type, JsonObject o)
    {
        if (typed)
        {
            var withType = new JsonObject { ["@odata.type"] = type };
            foreach (var (k, v) in o.ToList())
            {
                o.Remove(k);
                withType[k] = v;
            }

            return withType;
        }

        return o;
    }
}

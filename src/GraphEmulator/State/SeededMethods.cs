using System.Collections.Immutable;
using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>Turns a seeded user's TAP and other-kind methods into state; an id the seed leaves out is a stable GUID.</summary>
internal static class SeededMethods
{
    public static void Apply(UserRecord user, SeedUser seed, DateTimeOffset builtAt)
    {
        if (seed.TemporaryAccessPassMethods?.FirstOrDefault() is { } t)
        {
            user.Tap = new TapMethod
            {
                Id = t.Id ?? Id(user, "tap", 0),
                Created = t.CreatedDateTime ?? builtAt,
                Start = t.StartDateTime ?? t.CreatedDateTime ?? builtAt,
                LifetimeInMinutes = t.LifetimeInMinutes,
                IsUsableOnce = t.IsUsableOnce,
                Used = t.Used,
            };
        }

        var methods = ImmutableList.CreateBuilder<RegisteredMethod>();
        Add(methods, user, MethodKinds.Authenticator, seed.MicrosoftAuthenticatorMethods, m => new()
        {
            ["displayName"] = m.DisplayName, ["deviceTag"] = m.DeviceTag ?? "SoftwareTokenActivated", ["phoneAppVersion"] = m.PhoneAppVersion,
        });
        Add(methods, user, MethodKinds.Fido2, seed.Fido2Methods, m => new()
        {
            ["displayName"] = m.DisplayName, ["aaGuid"] = m.AaGuid, ["model"] = m.Model, ["attestationLevel"] = m.AttestationLevel,
        });
        Add(methods, user, MethodKinds.WindowsHello, seed.WindowsHelloForBusinessMethods, m => new() { ["displayName"] = m.DisplayName,
            ["keyStrength"] = m.KeyStrength });
        Add(methods, user, MethodKinds.SoftwareOath, seed.SoftwareOathMethods, _ => []);
        Add(methods, user, MethodKinds.PlatformCredential, seed.PlatformCredentialMethods, m => new()
        {
            ["displayName"] = m.DisplayName, ["keyStrength"] = m.KeyStrength, ["platform"] = m.Platform,
        });
        Add(methods, user, MethodKinds.External, seed.ExternalAuthenticationMethods, m => new() { ["configurationId"] = m.ConfigurationId,
            ["displayName"] = m.DisplayName });
        QrCodePinState? qr = null;
        if (seed.QrCodePinMethod is { } q)
        {
            var start = q.StartDateTime ?? builtAt;
            var created = q.CreatedDateTime ?? builtAt;
            qr = new QrCodePinState(q.Id ?? Id(user, "qr", 0), created,
                new QrCodeState(Id(user, "qr-standard", 0), created, start, q.ExpireDateTime ?? start.AddDays(365)), null,
                new QrPinState(Id(user, "qr-pin", 0), created, created, ForceChangePinNextSignIn: false));
        }

        user.Methods = new MethodSet(methods.ToImmutable(), qr);
    }

    private static void Add<T>(ImmutableList<RegisteredMethod>.Builder into, UserRecord user, string kind, List<T>? seeded,
        Func<T, Dictionary<string, string?>> properties)
        where T : SeedMethod
    {
        for (var i = 0; i < (seeded?.Count ?? 0); i++)
        {
            var m = seeded![i];
            into.Add(new RegisteredMethod(kind, m.Id ?? Id(user, kind, i), m.CreatedDateTime, properties(m).ToImmutableDictionary()));
        }
    }

    private static string Id(UserRecord user, string kind, int index) => StableId.For($"method:{user.Id}:{kind}:{index}");
}

using GraphEmulator.State;

namespace GraphEmulator.Inspection;

/// <summary>Builds the public view of one user's state (no secrets).</summary>
internal static class UserStateView
{
    public static EmulatorUserState? Of(DirectoryState directory, string idOrUpn)
    {
        var u = directory.Find(idOrUpn);
        if (u is null)
        {
            return null;
        }

        lock (u.Gate)
        {
            var phones = u.Phones.Where(p => p is not null)
                .Select(p => new EmulatorPhoneState(MethodIds.ForPhone(p!.Kind), MethodIds.PhoneTypeName(p.Kind), p.Number, u.SmsSignInState(p)))
                .ToList();
            var tap = u.Tap is { } t ? new EmulatorTapState(t.Id, t.Created, t.Start, t.LifetimeInMinutes, t.IsUsableOnce) : null;
            return new EmulatorUserState(u.Id, u.UserPrincipalName, u.DisplayName, u.UsageLocation, u.SmsSignInAllowed, u.TapAllowed,
                phones, u.Email, tap, u.PasswordResets, u.WritesApplied, u.DuplicateCreateAttempts);
        }
    }
}

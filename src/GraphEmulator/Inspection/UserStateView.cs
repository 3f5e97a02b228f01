using GraphEmulator.State;

namespace GraphEmulator.Inspection;

/// <summary>Builds the public view of one user's state (no secrets), and the secrets view of the QR code + PIN test hook.</summary>
internal static class UserStateView
{
    public static EmulatorUserState? Of(DirectoryState directory, string idOrUpn)
    {
        var u = directory.Find(idOrUpn);
        if (u is null)
        {
            return null;
        }

        var oath = directory.Oath.SnapshotFor(u.Id).Select(Device).ToList();
        lock (u.Gate)
        {
            var phones = u.Phones.Where(p => p is not null)
                .Select(p => new EmulatorPhoneState(MethodIds.ForPhone(p!.Kind), MethodIds.PhoneTypeName(p.Kind), p.Number, u.SmsSignInState(p)))
                .ToList();
            var tap = u.Tap is { } t ? new EmulatorTapState(t.Id, t.Created, t.Start, t.LifetimeInMinutes, t.IsUsableOnce, t.Used) : null;
            var others = u.Methods.Registered
                .Select(m =>
                    new EmulatorMethodState(m.Kind, m.Id, m.Properties.GetValueOrDefault("displayName"), m.Properties.GetValueOrDefault("configurationId")))
                .ToList();
            var qr = u.Methods.QrCodePin is { } q
                ? new EmulatorQrCodePinState(q.Id, q.Standard?.Id, q.Standard?.Start, q.Standard?.Expire, q.Temporary?.Id, q.Temporary?.Expire, q.Pin.Updated)
                : null;
            return new EmulatorUserState(u.Id, u.UserPrincipalName, u.DisplayName, u.UsageLocation, u.SmsSignInAllowed, u.TapAllowed,
                phones, u.Email, tap, u.PasswordResets, u.WritesApplied, u.DuplicateCreateAttempts,
                u.EmployeeHireDate, u.ManagerId, u.AppearsAfterSeconds, [.. u.DirectGroups.Order(StringComparer.Ordinal)],
                [.. u.TransitiveGroups.Order(StringComparer.Ordinal)], u.DefaultMethodId, others, qr, oath, u.SessionsRevoked);
        }
    }

    public static EmulatorQrSecrets? QrSecrets(DirectoryState directory, string idOrUpn)
    {
        if (directory.Find(idOrUpn) is not { } u)
        {
            return null;
        }

        lock (u.Gate)
        {
            return new EmulatorQrSecrets(u.Id, [.. u.QrIssues.Select(i => new EmulatorQrIssue(i.Kind, i.QrCodeId, i.Content, i.IssuedAt))], u.LastPin,
                u.PinsIssued);
        }
    }

    public static IReadOnlyList<EmulatorOathDeviceState> Devices(DirectoryState directory)
    {
        lock (directory.Oath.Gate)
        {
            return [.. directory.Oath.Devices.Select(Device)];
        }
    }

    private static EmulatorOathDeviceState Device(OathDevice d) =>
        new(d.Id, d.SerialNumber, d.Status, d.AssignedToUserId, d.Activations, d.FailedActivations, d.TimeIntervalInSeconds, d.HashFunction);
}

using System.Collections.Concurrent;
using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>
/// The emulated tenant: users by object id and by UPN, the tenant-wide SMS sign-in number
/// registry, and the TAP policy. A reset builds a new instance and swaps it in, so no request
/// ever sees a half-reset directory.
/// </summary>
internal sealed class DirectoryState
{
    private readonly Dictionary<string, UserRecord> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UserRecord> _byUpn = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SMS sign-in number → owning user id; a number can sign in only one user.</summary>
    private readonly ConcurrentDictionary<string, string> _smsNumbers = new(StringComparer.Ordinal);

    public DirectoryState(DirectorySeed seed, bool enforceUniqueness)
    {
        EnforceUniqueness = enforceUniqueness;
        TapPolicy = seed.Policies?.TemporaryAccessPass ?? new SeedTapPolicy();
        foreach (var u in seed.Users)
        {
            if (string.IsNullOrWhiteSpace(u.Id) || string.IsNullOrWhiteSpace(u.UserPrincipalName))
            {
                throw new InvalidDataException("Every seeded user needs an id and a userPrincipalName.");
            }

            var user = new UserRecord
            {
                Id = u.Id,
                UserPrincipalName = u.UserPrincipalName,
                DisplayName = u.DisplayName,
                UsageLocation = u.UsageLocation,
                Mail = u.Mail,
                SmsSignInAllowed = !string.Equals(u.SmsSignIn, "notAllowedByPolicy", StringComparison.OrdinalIgnoreCase),
                TapAllowed = !string.Equals(u.TemporaryAccessPass, "notAllowedByPolicy", StringComparison.OrdinalIgnoreCase),
            };
            if (!_byId.TryAdd(user.Id, user) || !_byUpn.TryAdd(user.UserPrincipalName, user))
            {
                throw new InvalidDataException($"Duplicate seeded user '{u.UserPrincipalName}'.");
            }

            SeedMethods(user, u);
        }
    }

    public bool EnforceUniqueness { get; }

    public SeedTapPolicy TapPolicy { get; }

    public int UserCount => _byId.Count;

    public IEnumerable<UserRecord> Users => _byId.Values;

    /// <summary>Object id (GUID) or UPN, case-insensitive (graph-contract §8 [emu]).</summary>
    public UserRecord? Find(string key) =>
        _byId.TryGetValue(key, out var u) || _byUpn.TryGetValue(key, out u) ? u : null;

    /// <summary>
    /// The side effect of writing a mobile for a user in SMS scope: try to claim the number for SMS
    /// sign-in. Returns false when another user owns it (the phone is still written). Caller holds the user's gate.
    /// </summary>
    public bool TryRegisterSms(UserRecord user, PhoneMethod mobile)
    {
        if (!user.SmsSignInAllowed)
        {
            mobile.SmsEnabled = false;
            mobile.NotUnique = false;
            return true;
        }

        var owner = EnforceUniqueness ? _smsNumbers.GetOrAdd(mobile.Number, user.Id) : user.Id;
        var mine = string.Equals(owner, user.Id, StringComparison.OrdinalIgnoreCase);
        mobile.SmsEnabled = mine;
        mobile.NotUnique = !mine;
        return mine;
    }

    /// <summary>Does anyone other than this user own the number for SMS sign-in?</summary>
    public bool NumberOwnedByOther(UserRecord user, string number) =>
        EnforceUniqueness && _smsNumbers.TryGetValue(number, out var owner)
        && !string.Equals(owner, user.Id, StringComparison.OrdinalIgnoreCase);

    public void ReleaseSms(UserRecord user, PhoneMethod mobile)
    {
        _smsNumbers.TryRemove(new KeyValuePair<string, string>(mobile.Number, user.Id));
        mobile.SmsEnabled = false;
    }

    private void SeedMethods(UserRecord user, SeedUser seed)
    {
        foreach (var p in seed.PhoneMethods ?? [])
        {
            if (!MethodIds.TryParsePhoneType(p.PhoneType, out var kind) || !PhoneNumberFormat.IsValid(p.PhoneNumber))
            {
                throw new InvalidDataException($"Seed phone for '{user.UserPrincipalName}' has an invalid type or number.");
            }

            var phone = new PhoneMethod(kind, p.PhoneNumber);
            user.Phones[(int)kind] = phone;
            if (kind == PhoneKind.Mobile)
            {
                TryRegisterSms(user, phone);
            }
        }

        user.Email = seed.EmailMethods?.FirstOrDefault()?.EmailAddress;
    }
}

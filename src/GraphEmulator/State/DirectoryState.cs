using System.Collections.Concurrent;
using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>
/// The emulated tenant: users by object id and by UPN, groups, the authentication methods policy, the hardware
/// OATH inventory and the tenant-wide SMS sign-in number registry. A reset builds a new instance and swaps it in,
/// so no request ever sees a half-reset directory.
/// </summary>
internal sealed class DirectoryState
{
    private readonly Dictionary<string, UserRecord> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UserRecord> _byUpn = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SMS sign-in number (parsed value, <see cref="PhoneNumberFormat.Canonical"/>) → owning user id; a number can sign in only one user.</summary>
    private readonly ConcurrentDictionary<string, string> _smsNumbers = new(StringComparer.Ordinal);

    private readonly int _variantSeed;

    /// <param name="strict">Strict profile: users are outside SMS sign-in unless the seed puts them in, and seeded numbers are stored in the forms
    /// methods registered elsewhere have.</param>
    /// <param name="variantSeed">Seeds the choice of stored form (strict).</param>
    /// <param name="builtAt">When the directory was built; a user with appearsAfterSeconds exists from then on plus that much emulated time.</param>
    public DirectoryState(DirectorySeed seed, bool enforceUniqueness, bool strict = false, int variantSeed = 0, DateTimeOffset builtAt = default)
    {
        EnforceUniqueness = enforceUniqueness;
        Strict = strict;
        BuiltAt = builtAt;
        _variantSeed = variantSeed;
        foreach (var u in seed.Users)
        {
            var user = DirectoryBuild.User(u);
            if (!_byId.TryAdd(user.Id, user) || !_byUpn.TryAdd(user.UserPrincipalName, user))
            {
                throw new InvalidDataException($"Duplicate seeded user '{u.UserPrincipalName}'.");
            }
        }

        Groups = DirectoryBuild.Groups(seed, this);
        Policy = PolicyBuilder.Build(seed.Policies, Groups, key => Find(key)?.Id, strict);
        Oath = DirectoryBuild.Inventory(seed, this);
        foreach (var u in seed.Users)
        {
            var user = _byId[u.Id];
            user.ManagerId = u.Manager is null ? null : Find(u.Manager)?.Id ?? throw new InvalidDataException($"The manager '{u.Manager}' of "
                + $"'{u.UserPrincipalName}' is not in the seed.");
            user.DirectGroups = Groups.DirectOf(user.Id);
            user.TransitiveGroups = Groups.TransitiveOf(user.Id);
            user.SmsSignInAllowed = Policy.SmsSignIn(user);
            user.TapAllowed = Policy.Allows(AuthenticationMethodsPolicy.TemporaryAccessPass, user);
            SeedMethods(user, u);
            SeededMethods.Apply(user, u, builtAt);
        }
    }

    public bool EnforceUniqueness { get; }

    /// <summary>Built for the strict profile (SMS scope default and stored number forms differ).</summary>
    public bool Strict { get; }

    public SeedTapPolicy TapPolicy => Policy.Tap;

    public DateTimeOffset BuiltAt { get; }

    public GroupDirectory Groups { get; }

    public AuthenticationMethodsPolicy Policy { get; }

    public HardwareOathInventory Oath { get; }

    public int UserCount => _byId.Count;

    public IEnumerable<UserRecord> Users => _byId.Values;

    /// <summary>Object id (GUID) or UPN, case-insensitive (docs/graph-behaviour.md §8 [emu]); seeded users whether they appeared yet or not.</summary>
    public UserRecord? Find(string key) =>
        _byId.TryGetValue(key, out var u) || _byUpn.TryGetValue(key, out u) ? u : null;

    /// <summary>As Graph sees it at <paramref name="now"/>: a late user is not there until its emulated delay has passed (k = time compression).</summary>
    public UserRecord? FindVisible(string key, DateTimeOffset now, double k) => Find(key) is { } u && Visible(u, now, k) ? u : null;

    public bool Visible(UserRecord user, DateTimeOffset now, double k) =>
        user.AppearsAfterSeconds is not { } delay || (now - BuiltAt).TotalSeconds * k >= delay;

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

        var owner = EnforceUniqueness ? _smsNumbers.GetOrAdd(PhoneNumberFormat.Canonical(mobile.Number), user.Id) : user.Id;
        var mine = string.Equals(owner, user.Id, StringComparison.OrdinalIgnoreCase);
        mobile.SmsEnabled = mine;
        mobile.NotUnique = !mine;
        return mine;
    }

    /// <summary>Does anyone other than this user own the number for SMS sign-in?</summary>
    public bool NumberOwnedByOther(UserRecord user, string number) =>
        EnforceUniqueness && _smsNumbers.TryGetValue(PhoneNumberFormat.Canonical(number), out var owner)
        && !string.Equals(owner, user.Id, StringComparison.OrdinalIgnoreCase);

    public void ReleaseSms(UserRecord user, PhoneMethod mobile)
    {
        _smsNumbers.TryRemove(new KeyValuePair<string, string>(PhoneNumberFormat.Canonical(mobile.Number), user.Id));
        mobile.SmsEnabled = false;
    }

    private void SeedMethods(UserRecord user, SeedUser seed)
    {
        foreach (var p in seed.PhoneMethods ?? [])
        {
            if (!MethodIds.TryParsePhoneType(p.PhoneType, out var kind) || !PhoneNumberFormat.IsStoredForm(p.PhoneNumber))
            {
                throw new InvalidDataException($"Seed phone for '{user.UserPrincipalName}' has an invalid type or number.");
            }

            var number = Strict ? PhoneNumberFormat.Variant(p.PhoneNumber, VariantDraw(user.Id + "|" + p.PhoneType)) : p.PhoneNumber;
            var phone = new PhoneMethod(kind, number);
            user.Phones[(int)kind] = phone;
            if (kind == PhoneKind.Mobile)
            {
                TryRegisterSms(user, phone);
            }
        }

        user.Email = seed.EmailMethods?.FirstOrDefault()?.EmailAddress;
    }

    /// <summary>Uniform [0,1) from the variant seed and a key (FNV-1a, stable across runs).</summary>
    private double VariantDraw(string key)
    {
        var h = 14695981039346656037UL ^ (uint)_variantSeed;
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}

using System.Collections.Immutable;

namespace GraphEmulator.State;

/// <summary>
/// A method of one of the kinds in <see cref="MethodKinds"/>: registered by the user elsewhere (Authenticator,
/// passkey, Windows Hello, software OATH, platform credential) or by an admin (external MFA). Its wire properties
/// besides id and createdDateTime are kept as given.
/// </summary>
internal sealed record RegisteredMethod(string Kind, string Id, DateTimeOffset? Created, ImmutableDictionary<string, string?> Properties);

/// <summary>One QR code of a QR code + PIN method (the standard one for badges, or a temporary one).</summary>
internal sealed record QrCodeState(string Id, DateTimeOffset Created, DateTimeOffset Start, DateTimeOffset Expire)
{
    public bool ActiveAt(DateTimeOffset now) => now >= Start && now < Expire;

    /// <summary>Not expired yet (it may still be waiting for its start).</summary>
    public bool LiveAt(DateTimeOffset now) => now < Expire;
}

/// <summary>The PIN's metadata; the PIN itself is never kept in the method (only the issue record holds it, for tests).</summary>
internal sealed record QrPinState(string Id, DateTimeOffset Created, DateTimeOffset Updated, bool ForceChangePinNextSignIn);

/// <summary>The user's single QR code + PIN method (docs/graph-behaviour.md §3.6).</summary>
internal sealed record QrCodePinState(string Id, DateTimeOffset Created, QrCodeState? Standard, QrCodeState? Temporary, QrPinState Pin)
{
    /// <summary>Usable for sign-in: a QR code that is live (documented: a new method may be added once the old one is unusable).</summary>
    public bool UsableAt(DateTimeOffset now) => Standard?.LiveAt(now) == true || Temporary?.LiveAt(now) == true;
}

/// <summary>
/// The methods besides phones, e-mail and TAP, as one immutable value, so the strict read lag and the forget-writes
/// hook snapshot and restore them with the rest of the user (<see cref="UserView"/>).
/// </summary>
internal sealed record MethodSet(ImmutableList<RegisteredMethod> Registered, QrCodePinState? QrCodePin)
{
    public static readonly MethodSet Empty = new([], null);

    public IEnumerable<RegisteredMethod> Of(string kind) => Registered.Where(m => m.Kind == kind);

    public RegisteredMethod? Find(string kind, string id) =>
        Registered.FirstOrDefault(m => m.Kind == kind && string.Equals(m.Id, id, StringComparison.OrdinalIgnoreCase));

    public MethodSet Without(RegisteredMethod m) => this with { Registered = Registered.Remove(m) };

    public MethodSet With(RegisteredMethod m) => this with { Registered = Registered.Add(m) };
}

using BulkRegistrar.Handoff;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// PINs an administrator chose, for <c>--new-pins FILE</c>: a CSV <c>UserPrincipalName,Pin</c>, owner-only, read once at start-up,
/// exactly as <c>--new-passwords</c> is (<see cref="ChosenSecrets"/>). A PIN never comes from the input CSV; these go only into the PUT
/// that creates the user's method — no audit, log, report, console line or hand-off file holds them (whoever chose them has them). A
/// user of the run without a line here gets no QR code + PIN (a given file is the whole list: nothing is generated instead).
/// </summary>
internal sealed class ChosenPins
{
    /// <summary>Graph's bounds of a PIN (docs/graph-behaviour.md §3.6); the tenant's <c>pinLength</c> may ask for more than 8.</summary>
    public const int MinLength = 8;
    public const int MaxLength = 20;

    private static readonly ChosenSecrets File = new("--new-pins", "PINs", "Pin", p => p.Length is >= MinLength and <= MaxLength && p.All(char.IsAsciiDigit),
        $"a PIN of {MinLength} to {MaxLength} digits");

    private readonly Dictionary<string, string> _byUser;

    private ChosenPins(Dictionary<string, string> byUser) => _byUser = byUser;

    public int Count => _byUser.Count;

    /// <summary>The chosen PIN of the user, by UPN (case-insensitive); null when the file has none for them.</summary>
    public string? For(string? upn) => upn is not null && _byUser.TryGetValue(upn, out var p) ? p : null;

    /// <exception cref="UsageException">The file is missing, readable by others, or malformed; the sentence names the line, never a PIN.</exception>
    public static ChosenPins Load(string path) => new(File.Read(path));
}

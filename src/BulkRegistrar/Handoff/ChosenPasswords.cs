namespace BulkRegistrar.Handoff;

/// <summary>
/// New passwords an administrator chose, for <c>--new-passwords FILE</c>: a CSV with the columns
/// <c>UserPrincipalName,Password</c>, readable by its owner only. Passwords never come from the input CSV
/// (HR's file is copied, mailed and opened in spreadsheets); this file is read once at start-up, its
/// values go only into the resetPassword request body, and no log, audit, report or console line ever
/// holds them. A user of the run without a line here is not reset (a file that is given is the whole
/// list: falling back to a generated password would surprise whoever wrote it).
/// </summary>
internal sealed class ChosenPasswords
{
    /// <summary>Graph's own floor for a password is the tenant's policy; 8 characters is the smallest any policy allows.</summary>
    public const int MinLength = 8;

    private readonly Dictionary<string, string> _byUser;

    private ChosenPasswords(Dictionary<string, string> byUser) => _byUser = byUser;

    public int Count => _byUser.Count;

    /// <summary>The chosen password of the user, by UPN (case-insensitive); null when the file has none for them.</summary>
    public string? For(string? upn) => upn is not null && _byUser.TryGetValue(upn, out var p) ? p : null;

    private static readonly ChosenSecrets File = new("--new-passwords", "passwords", "Password", p => p.Length >= MinLength,
        $"a password of at least {MinLength} characters");

    /// <exception cref="UsageException">The file is missing, readable by others, or malformed; the sentence names the line, never a password.</exception>
    public static ChosenPasswords Load(string path) => new(File.Read(path));
}

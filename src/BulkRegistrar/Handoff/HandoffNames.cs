using System.Text;
using BulkRegistrar.Graph;

namespace BulkRegistrar.Handoff;

/// <summary>
/// The names in a hand-off folder (<c>--handoff-by manager</c> or <c>--handoff-recipient</c>), all in lower case so a
/// case-insensitive disk cannot merge two of them:
/// <list type="bullet">
/// <item>plain, by manager: <c>&lt;manager UPN&gt;.csv</c> per manager (a contact: its address, else its object id), and
/// <c>no-manager.csv</c> for every user without one;</item>
/// <item>encrypted: one file per secret, <c>&lt;user UPN&gt;.&lt;method&gt;.csv.p7m</c> — directly in the folder, or by
/// manager in the subfolder <c>&lt;manager UPN&gt;/</c> (<c>no-manager/</c>).</item>
/// </list>
/// A character a file name cannot hold (<c>/ \ : * ? " &lt; &gt; |</c>, controls, spaces) becomes <c>_</c>; a UPN has none.
/// </summary>
internal static class HandoffNames
{
    public const string NoManager = "no-manager";
    public const string PlainExtension = ".csv";
    public const string SealedExtension = ".csv.p7m";

    /// <summary>The file (plain) or subfolder (encrypted) of a manager's users.</summary>
    public static string Of(GraphJson.Manager? manager) =>
        manager is null ? NoManager : Safe(manager.UserPrincipalName ?? manager.Mail ?? manager.Id);

    /// <summary>An encrypted secret's file: the user (UPN, else object id) and the method.</summary>
    public static string Sealed(string user, string method) => Safe(user) + "." + method + SealedExtension;

    /// <summary>(user, method) from an encrypted secret's file name; null for any other file.</summary>
    public static (string User, string Method)? ParseSealed(string fileName)
    {
        if (!fileName.EndsWith(SealedExtension, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var stem = fileName[..^SealedExtension.Length];
        var dot = stem.LastIndexOf('.');
        return dot <= 0 ? null : (stem[..dot], stem[(dot + 1)..]);
    }

    /// <summary>The name as a file name can hold it, in lower case.</summary>
    public static string Safe(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            safe.Append(char.IsControl(c) || char.IsWhiteSpace(c) || "/\\:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c);
        }

        return safe.ToString() is "." or ".." ? "_" : safe.ToString();
    }
}

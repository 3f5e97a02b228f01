using System.Globalization;
using CsvHelper;

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

    /// <exception cref="UsageException">The file is missing, readable by others, or malformed; the sentence names the line, never a password.</exception>
    public static ChosenPasswords Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"The passwords file '{path}' (--new-passwords) does not exist.");
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UsageException($"The passwords file '{path}' can be read by other accounts; it holds passwords. Restrict it (chmod 600), then "
                + $"run again.");
        }

        var byUser = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var stream = File.OpenRead(path);
            using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true });
            var header = csv.Headers.ToList();
            var userColumn = header.FindIndex(h => h.Equals("UserPrincipalName", StringComparison.OrdinalIgnoreCase));
            var passwordColumn = header.FindIndex(h => h.Equals("Password", StringComparison.OrdinalIgnoreCase));
            if (userColumn < 0 || passwordColumn < 0)
            {
                throw new UsageException($"The passwords file '{path}' needs a header with the columns UserPrincipalName and Password.");
            }

            while (csv.Read())
            {
                var line = csv.LineNumber;
                var user = csv.FieldCount > userColumn && !csv.IsEmpty(userColumn) ? csv.GetString(userColumn) : "";
                var password = csv.FieldCount > passwordColumn && !csv.IsEmpty(passwordColumn) ? csv.GetString(passwordColumn) : "";
                if (string.IsNullOrWhiteSpace(user) || password.Length < MinLength)
                {
                    throw new UsageException($"The passwords file '{path}', line {line}: each line needs a user and a password of at least "
                        + $"{MinLength} characters.");
                }

                Privacy.KnownSecrets.Add(password);
                if (!byUser.TryAdd(user, password))
                {
                    throw new UsageException($"The passwords file '{path}', line {line}: {user} is listed twice.");
                }
            }
        }
        catch (Exception e) when (e is CsvFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // CsvHelper's messages can quote the raw record, which would print a password: say only where.
            throw new UsageException($"The passwords file '{path}' cannot be read as a CSV ({e.GetType().Name}).");
        }

        return new ChosenPasswords(byUser);
    }
}

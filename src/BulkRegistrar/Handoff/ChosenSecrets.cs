using CsvHelper;

namespace BulkRegistrar.Handoff;

/// <summary>
/// An owner-only CSV of secrets an administrator chose, one per user (<c>--new-passwords</c>: <c>UserPrincipalName,Password</c>;
/// <c>--new-pins</c>: <c>UserPrincipalName,Pin</c>). Read once at start-up; every value is registered with the log policy the moment it
/// is read, and no sentence about the file ever quotes a value (CsvHelper's own messages can quote a record, so they are not passed on).
/// </summary>
/// <param name="Option">The option that named the file, for the sentences (<c>--new-pins</c>).</param>
/// <param name="Noun">What the file holds, plural (<c>passwords</c>, <c>PINs</c>).</param>
/// <param name="Column">The column of the values (<c>Password</c>, <c>Pin</c>).</param>
/// <param name="Rule">What a value must be, for the sentence naming a line that breaks it ("a password of at least 8 characters").</param>
internal sealed record ChosenSecrets(string Option, string Noun, string Column, Func<string, bool> Valid, string Rule)
{
    /// <exception cref="UsageException">The file is missing, readable by others, or malformed; the sentence names the line, never a value.</exception>
    public Dictionary<string, string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"The {Noun} file '{path}' ({Option}) does not exist.");
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UsageException($"The {Noun} file '{path}' can be read by other accounts; it holds {Noun}. Restrict it (chmod 600), then run again.");
        }

        var byUser = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var stream = File.OpenRead(path);
            using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrimWhitespace = true, TrackLineNumbers = true });
            var header = csv.Headers.ToList();
            var userColumn = header.FindIndex(h => h.Equals("UserPrincipalName", StringComparison.OrdinalIgnoreCase));
            var valueColumn = header.FindIndex(h => h.Equals(Column, StringComparison.OrdinalIgnoreCase));
            if (userColumn < 0 || valueColumn < 0)
            {
                throw new UsageException($"The {Noun} file '{path}' needs a header with the columns UserPrincipalName and {Column}.");
            }

            while (csv.Read())
            {
                var line = csv.LineNumber;
                var user = csv.FieldCount > userColumn && !csv.IsEmpty(userColumn) ? csv.GetString(userColumn) : "";
                var value = csv.FieldCount > valueColumn && !csv.IsEmpty(valueColumn) ? csv.GetString(valueColumn) : "";
                if (value.Length > 0)
                {
                    Privacy.KnownSecrets.Add(value); // before any sentence about the line can be written
                }

                if (string.IsNullOrWhiteSpace(user) || !Valid(value))
                {
                    throw new UsageException($"The {Noun} file '{path}', line {line}: each line needs a user and {Rule}.");
                }

                if (!byUser.TryAdd(user, value))
                {
                    throw new UsageException($"The {Noun} file '{path}', line {line}: {user} is listed twice.");
                }
            }
        }
        catch (Exception e) when (e is CsvFormatException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new UsageException($"The {Noun} file '{path}' cannot be read as a CSV ({e.GetType().Name}).");
        }

        return byUser;
    }
}

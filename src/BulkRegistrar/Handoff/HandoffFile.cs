using System.Globalization;
using System.Text;
using BulkRegistrar.Export;

namespace BulkRegistrar.Handoff;

/// <summary>
/// The one place a secret the run produced is written: a Temporary Access Pass (it exists only in
/// Graph's 201 answer) or a password Graph generated. <c>&lt;run&gt;/handoff.csv</c> unless
/// <c>--handoff FILE</c>. Created readable and writable by its owner only (mode 0600 set at creation on
/// Unix), each line flushed at once so a crash cannot lose a pass that was issued. An existing file named by
/// <c>--handoff</c> is appended to, never overwritten, and the users it already holds a pass for are not
/// issued another one (<see cref="HasPassFor"/>): that is how a rerun that writes to the same file knows
/// which passes this run already issued, without any state of its own.
/// </summary>
internal sealed class HandoffFile : IDisposable
{
    public const string Header = "UserPrincipalName,ObjectId,Method,Secret,ValidFrom,ValidUntil";
    public const string DefaultName = "handoff.csv";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _tapUsers = new(StringComparer.OrdinalIgnoreCase);
    private StreamWriter? _writer;

    private HandoffFile(string path) => Path = path;

    public string Path { get; }

    public int Written { get; private set; }

    /// <summary>Opens (reads) an existing hand-off file or plans a new one; nothing is created until the first secret.</summary>
    /// <exception cref="UsageException">The file exists but is not a hand-off file, or others may read it.</exception>
    public static HandoffFile Open(string path)
    {
        var file = new HandoffFile(System.IO.Path.GetFullPath(path));
        if (!File.Exists(file.Path))
        {
            return file;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file.Path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UsageException($"The hand-off file '{path}' can be read by other accounts; it holds passes. Restrict it (chmod 600) or name a new file with --handoff.");
        }

        using var reader = new StreamReader(file.Path, Encoding.UTF8);
        if (reader.ReadLine() != Header)
        {
            throw new UsageException($"'{path}' exists and is not a BulkRegistrar hand-off file; name a new file with --handoff.");
        }

        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 3 && cells[2] == "temporaryAccessPass")
            {
                file._tapUsers.Add(cells[0]);
                file._tapUsers.Add(cells[1]);
            }
        }

        return file;
    }

    /// <summary>This file already holds a pass for the user (by UPN or object id).</summary>
    public bool HasPassFor(string objectId, string? upn)
    {
        lock (_gate)
        {
            return _tapUsers.Contains(objectId) || (upn is not null && _tapUsers.Contains(upn));
        }
    }

    /// <exception cref="IOException">The file cannot be created or written.</exception>
    public void Write(string? upn, string objectId, string method, string secret, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        lock (_gate)
        {
            _writer ??= Create(Path);
            _writer.Write(string.Join(',', new[] { upn, objectId, method, secret, Stamp(validFrom), Stamp(validUntil) }.Select(ExportFile.Cell)));
            _writer.Write('\n');
            _writer.Flush();
            Written++;
            if (method == "temporaryAccessPass")
            {
                _tapUsers.Add(objectId);
                if (upn is not null)
                {
                    _tapUsers.Add(upn);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
        }
    }

    private static StreamWriter Create(string path)
    {
        var exists = File.Exists(path);
        var options = new FileStreamOptions { Mode = exists ? FileMode.Append : FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!exists && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var writer = new StreamWriter(new FileStream(path, options), new UTF8Encoding(false));
        if (!exists)
        {
            writer.Write(Header + "\n");
        }

        return writer;
    }

    private static string? Stamp(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;

namespace BulkRegistrar.Handoff;

/// <summary>
/// The one place a secret the run produced is written: a Temporary Access Pass (it exists only in
/// Graph's 201 answer) or a password Graph generated. <c>&lt;run&gt;/handoff.csv</c> unless
/// <c>--handoff FILE</c>. Created readable and writable by its owner only (mode 0600 set at creation on
/// Unix), and — when the run will issue any secret — created and opened before the first secret is asked for
/// (<see cref="Prepare"/>), so a missing folder or an unwritable file stops the run before anything is sent. Each
/// line is written through to the disk before the secret is reported kept. Once a line cannot be written the file is
/// <see cref="Unusable"/>: no further secret is asked for (a pass nobody holds is worse than none). An existing file named by
/// <c>--handoff</c> is appended to, never overwritten, and the users it already holds a pass for are not
/// issued another one (<see cref="Holds"/>): that is how a rerun that writes to the same file knows
/// which passes this run already issued, without any state of its own.
/// </summary>
internal sealed class HandoffFile : IDisposable
{
    public const string Header = "UserPrincipalName,ObjectId,Method,Secret,ValidFrom,ValidUntil";
    public const string DefaultName = "handoff.csv";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _held = new(StringComparer.OrdinalIgnoreCase); // "method\nuser", by UPN and by object id
    private FileStream? _stream;
    private bool _created;

    private HandoffFile(string path) => Path = path;

    public string Path { get; }

    public int Written { get; private set; }

    /// <summary>Why no further secret may be issued (the file could not be written), or null.</summary>
    public string? Unusable
    {
        get
        {
            lock (_gate)
            {
                return _unusable;
            }
        }
    }

    private string? _unusable;

    /// <summary>Opens (reads) an existing hand-off file or plans a new one; nothing is created until the first secret.</summary>
    /// <exception cref="UsageException">The file exists but is not a hand-off file, or others may read it.</exception>
    public static HandoffFile Open(string path)
    {
        var file = new HandoffFile(System.IO.Path.GetFullPath(path));
        if (Directory.Exists(file.Path))
        {
            throw new UsageException($"The hand-off file '{path}' is a folder; --handoff names a file, such as "
                + $"'{System.IO.Path.Combine(file.Path, DefaultName)}'. Nothing was sent.");
        }

        if (!File.Exists(file.Path))
        {
            var folder = System.IO.Path.GetDirectoryName(file.Path)!;
            return Directory.Exists(folder) ? file
                : throw new UsageException($"The hand-off folder '{folder}' does not exist, so passes and passwords would have nowhere to go; create "
                    + $"it or name another file with --handoff. Nothing was sent.");
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(file.Path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new UsageException($"The hand-off file '{path}' can be read by other accounts; it holds passes. Restrict it (chmod 600) or name a "
                + $"new file with --handoff.");
        }

        try
        {
            file.ReadPasses(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The hand-off file '{path}' cannot be read ({IoReason.Of(e)}), so it is not known whom it holds passes for; "
                + $"fix it or name a new file with --handoff. Nothing was sent.");
        }

        return file;
    }

    /// <summary>Whom an existing hand-off file holds a secret of each method for: they are never issued another one into it.</summary>
    private void ReadPasses(string path)
    {
        using var reader = new StreamReader(Path, Encoding.UTF8);
        if (reader.ReadLine() != Header)
        {
            throw new UsageException($"'{path}' exists and is not a BulkRegistrar hand-off file; name a new file with --handoff.");
        }

        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 3)
            {
                _held.Add(Key(cells[2], cells[0]));
                _held.Add(Key(cells[2], cells[1]));
            }
        }
    }

    /// <summary>This file already holds a secret of <paramref name="method"/> (its audit name) for the user (by UPN or object id).</summary>
    public bool Holds(string objectId, string? upn, string method)
    {
        lock (_gate)
        {
            return _held.Contains(Key(method, objectId)) || (upn is not null && _held.Contains(Key(method, upn)));
        }
    }

    private static string Key(string method, string user) => method + "\n" + user;

    /// <summary>
    /// Creates (or opens, to append) the file and writes its header through to the disk: called before the run's first
    /// secret-issuing request is built, so a file that cannot be kept is found before any secret exists.
    /// </summary>
    /// <exception cref="UsageException">It cannot be created or written: one sentence, nothing sent.</exception>
    public void Prepare()
    {
        lock (_gate)
        {
            try
            {
                EnsureOpen();
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                throw new UsageException($"{Audit.EvidenceFailure.Problem(Path, e)}: the hand-off file for passes and passwords cannot be written, "
                    + $"so none is issued. Fix it (or name another file with --handoff) and run again. Nothing was sent.");
            }
        }
    }

    /// <exception cref="IOException">The file cannot be created or written (it is <see cref="Unusable"/> from then on).</exception>
    public void Write(string? upn, string objectId, string method, string secret, DateTimeOffset? validFrom, DateTimeOffset? validUntil)
    {
        lock (_gate)
        {
            if (_unusable is not null)
            {
                throw new IOException(_unusable);
            }

            var cells = new[] { upn, objectId, method, secret, Stamp(validFrom), Stamp(validUntil) };
            var line = Encoding.UTF8.GetBytes(string.Join(',', cells.Select(Audit.SpreadsheetCell.Quote)) + "\n");
            long? start = null;
            try
            {
                var stream = EnsureOpen();
                start = stream.Length;
                stream.Write(line);
                stream.Flush(flushToDisk: true); // written through: "kept" means on the disk, not in a cache
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                _unusable = Audit.EvidenceFailure.Problem(Path, e);
                Cut(start);
                throw;
            }

            Written++;
            _held.Add(Key(method, objectId));
            if (upn is not null)
            {
                _held.Add(Key(method, upn));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            try
            {
                _stream?.Dispose();
                if (_created && Written == 0)
                {
                    File.Delete(Path); // made ahead of a secret that never came: an empty hand-off file is only noise
                }
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                // Unbuffered: every line was written through, or reported as not kept.
            }
        }
    }

    /// <summary>The open file (created with its header, written through, on first use). Called under <see cref="_gate"/>.</summary>
    private FileStream EnsureOpen()
    {
        if (_stream is null)
        {
            _created = !File.Exists(Path);
            _stream = Create(Path);
        }

        return _stream;
    }

    /// <summary>A short write leaves part of a secret in the file: cut it, so the file holds whole lines only.</summary>
    private void Cut(long? length)
    {
        try
        {
            if (length is { } l)
            {
                _stream?.SetLength(l);
            }
        }
        catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
        {
            // Nothing more can be done on this disk; the line is reported as not kept either way.
        }
    }

    private static FileStream Create(string path)
    {
        var exists = File.Exists(path);
        var options = new FileStreamOptions { Mode = exists ? FileMode.Append
            : FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0 };
        if (!exists && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        try
        {
            if (!exists)
            {
                stream.Write(Encoding.UTF8.GetBytes(Header + "\n"));
            }

            stream.Flush(flushToDisk: true);
            return stream;
        }
        catch
        {
            stream.Dispose();
            if (!exists)
            {
                File.Delete(path); // a header-less file would later be refused as "not a hand-off file"
            }

            throw;
        }
    }

    private static string? Stamp(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

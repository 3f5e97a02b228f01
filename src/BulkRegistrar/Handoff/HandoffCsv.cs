using System.Text;

namespace BulkRegistrar.Handoff;

/// <summary>
/// One plain hand-off CSV: created owner-only (0600 at creation on Unix) with its header written through, or opened to
/// append; each line written through to the disk before its secret counts as kept, and a torn line cut. The caller holds
/// its own lock around every call. The QR code badge sheet is written the same way, with its own first lines (<paramref name="header"/>).
/// </summary>
internal sealed class HandoffCsv(string path, string? header = null) : IDisposable
{
    private FileStream? _stream;

    public string Path => path;

    /// <summary>This run made the file (it did not exist before): a file made ahead of a secret that never came is removed.</summary>
    public bool Created { get; private set; }

    public int Lines { get; private set; }

    /// <summary>Whom an existing hand-off CSV holds a secret for, as (method, user) by UPN and by object id.</summary>
    /// <exception cref="UsageException">It is not a hand-off file, or others may read it.</exception>
    public static IEnumerable<(string Method, string User)> Held(string file, string shownAs)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & HandoffFile.OthersMay) != 0)
        {
            throw new UsageException($"The hand-off file '{shownAs}' can be read by other accounts; it holds passes. Restrict it (chmod 600) or name a "
                + "new one with --handoff.");
        }

        using var reader = new StreamReader(file, Encoding.UTF8);
        if (reader.ReadLine() != HandoffFile.Header)
        {
            throw new UsageException($"'{shownAs}' exists and is not a BulkRegistrar hand-off file; name a new one with --handoff.");
        }

        var held = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 3)
            {
                held.Add((cells[2], cells[0]));
                held.Add((cells[2], cells[1]));
            }
        }

        return held;
    }

    /// <summary>Creates (with its header) or opens the file, written through: before the first secret it may hold is asked for.</summary>
    public void EnsureOpen()
    {
        if (_stream is null)
        {
            Created = !File.Exists(path);
            _stream = Create(path, header ?? HandoffFile.Header + "\n");
        }
    }

    /// <exception cref="IOException">The line could not be written through (it is cut again when part of it was).</exception>
    public void Append(byte[] line)
    {
        long? start = null;
        try
        {
            EnsureOpen();
            start = _stream!.Length;
            _stream.Write(line);
            _stream.Flush(flushToDisk: true); // written through: "kept" means on the disk, not in a cache
        }
        catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
        {
            Cut(start);
            throw;
        }

        Lines++;
    }

    /// <summary>Closes the file, and removes it when this run made it and no secret came.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        if (Created && Lines == 0)
        {
            File.Delete(path); // made ahead of a secret that never came: an empty hand-off file is only noise
        }
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

    private static FileStream Create(string path, string header)
    {
        var exists = File.Exists(path);
        var options = new FileStreamOptions { Mode = exists ? FileMode.Append : FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read,
            BufferSize = 0 };
        if (!exists && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        try
        {
            if (!exists)
            {
                stream.Write(Encoding.UTF8.GetBytes(header));
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
}

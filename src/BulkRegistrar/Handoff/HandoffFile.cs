using System.Globalization;
using System.Text;

namespace BulkRegistrar.Handoff;

/// <summary>
/// The one place a secret the run produced is written: a Temporary Access Pass (it exists only in Graph's 201 answer) or a
/// password Graph generated. By default one owner-only CSV, <c>&lt;run&gt;/handoff.csv</c> or <c>--handoff FILE</c>; with
/// <c>--handoff-by manager</c> one CSV per manager and with <c>--handoff-recipient</c> one encrypted file per secret, in
/// a hand-off folder (<c>&lt;run&gt;/handoff/</c> or <c>--handoff DIR</c>; names in <see cref="HandoffNames"/>). Whatever
/// the shape, the same promises:
/// <list type="bullet">
/// <item>Evidence before secrets: when the run will issue any secret, the file (or folder) is made and proved writable
/// before the first secret is asked for (<see cref="Prepare"/>), and the file a secret goes to — the manager's, or the
/// secret's own encrypted one — before its request is built (<see cref="PrepareFor"/>).</item>
/// <item>Each secret is written through to the disk before it is reported kept; once one cannot be, the hand-off is
/// <see cref="Unusable"/> and no further secret is asked for (a pass nobody holds is worse than none).</item>
/// <item>An existing hand-off is appended to, never overwritten, and whom it already holds a secret for is never issued
/// another (<see cref="Holds"/>) — read from the plain lines, or from the encrypted files' names, which need no key.</item>
/// <item>No plain secret touches the disk when there is a recipient: not in a temporary file, not for a moment.</item>
/// </list>
/// </summary>
internal sealed partial class HandoffFile : IDisposable
{
    public const string Header = "UserPrincipalName,ObjectId,Method,Secret,ValidFrom,ValidUntil";
    public const string DefaultName = "handoff.csv";
    public const string DefaultFolder = "handoff";

    /// <summary>What makes a hand-off file or folder readable (or writable) by other accounts.</summary>
    internal const UnixFileMode OthersMay = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _held = new(StringComparer.OrdinalIgnoreCase); // "method\nuser": by UPN, object id, or file name
    private readonly Dictionary<string, Graph.GraphJson.Manager?> _managers = new(StringComparer.OrdinalIgnoreCase); // object id → manager
    private readonly Dictionary<string, HandoffCsv> _files = new(StringComparer.Ordinal);
    private readonly SealedSlots? _sealed;
    private bool _madeFolder;
    private string? _unusable;

    private HandoffFile(string path, bool byManager, HandoffRecipient? recipient) =>
        (Path, ByManager, _sealed) = (path, byManager, recipient is null ? null : new SealedSlots(recipient));

    /// <summary>The file, or with <see cref="IsFolder"/> the folder of files.</summary>
    public string Path { get; }

    /// <summary>--handoff-by manager: each user's secrets go to their manager's file.</summary>
    public bool ByManager { get; }

    /// <summary>Who can open the encrypted files; null when they are plain.</summary>
    public HandoffRecipient? Recipient => _sealed?.Recipient;

    public bool IsFolder => ByManager || _sealed is not null;

    public int Written { get; private set; }

    /// <summary>Why no further secret may be issued (a hand-off file could not be written), or null.</summary>
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

    /// <summary>The single plain file at <paramref name="path"/> (read if it exists; nothing is created until <see cref="Prepare"/>).</summary>
    /// <exception cref="UsageException">The file exists but is not a hand-off file, or others may read it; or its folder does not exist.</exception>
    public static HandoffFile Open(string path) => Open(path, byManager: false, recipient: null);

    /// <summary>The hand-off at <paramref name="path"/>: a file, or a folder when by manager or encrypted.</summary>
    /// <exception cref="UsageException">It cannot be used (see <see cref="Open(string)"/>; a folder others may enter).</exception>
    public static HandoffFile Open(string path, bool byManager, HandoffRecipient? recipient)
    {
        var file = new HandoffFile(System.IO.Path.GetFullPath(path), byManager, recipient);
        try
        {
            file.ReadExisting(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The hand-off {(file.IsFolder ? "folder" : "file")} '{path}' cannot be read ({IoReason.Of(e)}), so it "
                + "is not known whom it holds passes for; fix it or name a new one with --handoff. Nothing was sent.");
        }

        return file;
    }

    /// <summary>This hand-off already holds a secret of <paramref name="method"/> (its audit name) for the user (by UPN or object id).</summary>
    public bool Holds(string objectId, string? upn, string method)
    {
        lock (_gate)
        {
            return _held.Contains(Key(method, objectId)) || _held.Contains(Key(method, HandoffNames.Safe(objectId)))
                || (upn is not null && (_held.Contains(Key(method, upn)) || _held.Contains(Key(method, HandoffNames.Safe(upn)))));
        }
    }

    /// <summary>
    /// Creates (or opens, to append) the file and writes its header through to the disk — or, for a folder, makes it and proves it
    /// writable: called before the run's first secret-issuing request is built, so a hand-off that cannot be kept is found before any
    /// secret exists.
    /// </summary>
    /// <exception cref="UsageException">It cannot be created or written: one sentence, nothing sent.</exception>
    public void Prepare()
    {
        lock (_gate)
        {
            try
            {
                if (IsFolder)
                {
                    _madeFolder |= CreateFolder(Path);
                    Probe(Path);
                }
                else
                {
                    Csv(Path).EnsureOpen();
                }
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                throw new UsageException($"{Audit.EvidenceFailure.Problem(Path, e)}: the hand-off {(IsFolder ? "folder" : "file")} for passes and "
                    + "passwords cannot be written, so none is issued. Fix it (or name another with --handoff) and run again. Nothing was sent.");
            }
        }
    }

    /// <summary>
    /// Before a secret of the user is asked for: the file it will go to exists (the manager's CSV with its header, or the secret's own
    /// empty encrypted file). When it cannot be made the hand-off is <see cref="Unusable"/>, so the secret is not asked for.
    /// </summary>
    public void PrepareFor(string objectId, string? upn, string method)
    {
        lock (_gate)
        {
            if (_unusable is not null)
            {
                return;
            }

            var target = Target(objectId, upn, method);
            try
            {
                if (_sealed is not null)
                {
                    _sealed.Open(target);
                }
                else
                {
                    Csv(target).EnsureOpen();
                }
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                _unusable = Audit.EvidenceFailure.Problem(target, e);
            }
        }
    }

    /// <exception cref="IOException">The secret could not be written through (the hand-off is <see cref="Unusable"/> from then on).</exception>
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
            var target = Target(objectId, upn, method);
            try
            {
                if (_sealed is not null)
                {
                    _sealed.Write(target, [.. Encoding.UTF8.GetBytes(Header + "\n"), .. line]);
                }
                else
                {
                    Csv(target).Append(line);
                }
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                _unusable = Audit.EvidenceFailure.Problem(target, e);
                throw;
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(line);
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
                foreach (var csv in _files.Values)
                {
                    csv.Dispose();
                }

                _sealed?.Dispose();
                RemoveEmptyFolders();
            }
            catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
            {
                // Unbuffered: every secret was written through, or reported as not kept.
            }
        }
    }

    private static string Key(string method, string user) => method + "\n" + user;

    private static string? Stamp(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using BulkRegistrar.Methods;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Dispatch;

/// <summary><c>Dispatch:WriteFirst</c>: whether apply may send a user's creates before reading the user.</summary>
internal enum WriteFirstMode
{
    /// <summary>Read the first users; write first while the run's evidence says the users are new, read first while it says they are not.</summary>
    Auto,

    /// <summary>Write first for every eligible user (for measuring).</summary>
    Always,

    /// <summary>Always read the user and their methods first (the behaviour before write-first).</summary>
    Never,
}

/// <summary>
/// Decides, user by user, between read-then-write (look the user up, read the methods, plan, write) and
/// write-first (send the creates straight to <c>/users/{upn}/authentication/…</c>; a refusal — already there,
/// a mobile needed first, no such user — is read and planned as before). Write-first saves two reads and two
/// round trips per user when the users are new, which is what a file of new hires is; it costs a refused
/// create per user when they are not, which is what a rerun is. So the choice follows the evidence of the run
/// itself. The first <see cref="Probe"/> eligible users are read first, and the others wait for them (until the rest of the
/// probe could no longer change the verdict): when at
/// least <see cref="ProbeNew"/> of them had nothing registered of what the file wants, the run writes first,
/// else it reads first — so a rerun sends no create at all. Then, while at least <see cref="SwitchOff"/> of the
/// recent guesses are refused, users are read first again; while at least <see cref="SwitchOn"/> of the recent
/// read-first users had nothing registered, write-first comes back. Only users whose writes can be planned
/// without the tenant are eligible (<see cref="Eligible"/>); <c>plan</c> always reads.
/// </summary>
internal sealed class WriteFirstPolicy(WriteFirstMode mode)
{
    /// <summary>How many recent users each decision looks at.</summary>
    public const int Window = 32;

    public const double SwitchOff = 0.25;

    public const double SwitchOn = 0.9;

    /// <summary>How many eligible users are read first before the run decides.</summary>
    public const int Probe = 8;

    /// <summary>How many of the probe must have had nothing registered for the run to write first.</summary>
    public const int ProbeNew = 7;

    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _writeFirst;
    private int _probes;
    private int _probesReported;
    private int _probesNew;
    private int _seen;
    private int _against;
    private long _guesses;
    private long _refused;

    /// <summary>Users sent write-first, and how many of them Graph refused (then read and planned).</summary>
    public (long Guesses, long Refused) Counts
    {
        get
        {
            lock (_lock)
            {
                return (_guesses, _refused);
            }
        }
    }

    /// <summary>
    /// A user is eligible when every write the file asks for can be planned without reading: creates of methods whose
    /// description allows it (<see cref="AuthMethod.WriteFirst"/>: phones and e-mail; no removal, SMS sign-in, pass or password),
    /// no number waiting for the user's usageLocation, and a UPN that needs no lookup to address (an <c>#EXT#</c> guest's
    /// <c>#</c> or a leading <c>$</c> does).
    /// </summary>
    public static bool Eligible(UserWork work) =>
        work is { Desired: { } desired, PendingRegions.Count: 0 }
        && desired.Methods.Count > 0
        && desired.Methods.All(m => m.Action == RowAction.Register && m.Value is not null && AuthMethods.Of(m.Method).WriteFirst)
        && PlainUpn(desired.User)
        && desired.ObjectId is null; // an object id must be checked against the UPN before anything is written

    /// <summary>
    /// What an eligible user is sent without a read: a user who holds nothing gets a create of every method, in Graph's order.
    /// Addressed by the UPN; the planner runs once, after a read, and only when Graph refuses the guess.
    /// </summary>
    public static UserPlan Guess(DesiredState desired) =>
        new(desired.User, desired.User, [.. Planner.InOrder(desired).Select(p => new PlannedOperation(p.Want, OperationKind.Create, p.Want.Value))], []);

    /// <summary>True to send this user's creates first; an eligible user arriving while the probe runs waits for its verdict.</summary>
    public async ValueTask<bool> ChooseAsync(UserWork work)
    {
        if (mode == WriteFirstMode.Never || !Eligible(work))
        {
            return false;
        }

        if (mode == WriteFirstMode.Always)
        {
            return true;
        }

        lock (_lock)
        {
            if (_decided.Task.IsCompleted)
            {
                return _writeFirst;
            }

            if (_probes < Probe)
            {
                _probes++;
                return false; // one of the probe: read first, and report through Read
            }
        }

        await _decided.Task;
        lock (_lock)
        {
            return _writeFirst;
        }
    }

    /// <summary>A write-first user finished: <paramref name="refused"/> when Graph refused a create (the guess was wrong).</summary>
    public void Guessed(bool refused)
    {
        lock (_lock)
        {
            _guesses++;
            _refused += refused ? 1 : 0;
            if (_writeFirst)
            {
                Count(refused, SwitchOff, switchTo: false);
            }
        }
    }

    /// <summary>
    /// An eligible user went read-first: <paramref name="allNew"/> when the read showed nothing of what the file wants (a guess
    /// would have been right); false too when the user's work ended before the read (not found, a failed read, a stop).
    /// </summary>
    public void Read(bool allNew)
    {
        lock (_lock)
        {
            if (!_decided.Task.IsCompleted)
            {
                _probesReported++;
                _probesNew += allNew ? 1 : 0;
                // Decided as soon as the rest of the probe cannot change it: the probe's unluckiest user (retried under faults) holds no one.
                if (_probesNew >= ProbeNew || _probesReported - _probesNew > Probe - ProbeNew)
                {
                    _writeFirst = _probesNew >= ProbeNew;
                    _decided.TrySetResult();
                }

                return;
            }

            if (!_writeFirst && mode == WriteFirstMode.Auto)
            {
                Count(allNew, SwitchOn, switchTo: true);
            }
        }
    }

    // Counts evidence for switching in the current state; a full window with enough of it switches and starts afresh.
    private void Count(bool evidence, double share, bool switchTo)
    {
        _seen++;
        _against += evidence ? 1 : 0;
        if (_seen < Window)
        {
            return;
        }

        if (_against >= share * Window)
        {
            _writeFirst = switchTo;
        }

        _seen = 0;
        _against = 0;
    }

    private static bool PlainUpn(string user) =>
        user.Contains('@', StringComparison.Ordinal) && user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@');
}

using System.Runtime.InteropServices;

namespace BulkRegistrar.Cli;

/// <summary>
/// Ctrl+C, SIGTERM and SIGHUP, all alike — systemd, <c>timeout</c>, Docker and Kubernetes stop a job
/// with SIGTERM, a closed terminal or SSH session sends SIGHUP, and each deserves the same honest end
/// as Ctrl+C. The first signal asks the run to stop (<see cref="Stop"/>): nothing new is sent, batches in
/// flight are awaited (bounded by Dispatch:DrainTime), the audit and summary are written, exit code 2.
/// The second (<see cref="Now"/>) stops waiting for batches in flight — their writes are reported as
/// OutcomeUnknown — and the run ends as fast as the audit can be flushed. A third is left to the
/// operating system's default (the process dies at once): the escape hatch if anything ever hangs.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _now = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;
    private CancellationTokenRegistration _fromToken;

    /// <summary>First signal: stop sending, let what left come back.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Second signal: stop waiting.</summary>
    public CancellationToken Now => _now.Token;

    /// <summary>The first signal received, for the summary ("Cancelled (SIGTERM).").</summary>
    public string? Signal { get; private set; }

    /// <summary>Listens to the process's signals; dispose to give them back.</summary>
    public static StopSignals Listen()
    {
        var signals = new StopSignals();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, context =>
                context.Cancel = signals.Receive(context.Signal == PosixSignal.SIGINT ? "Ctrl+C" : context.Signal.ToString())));
        }

        return signals;
    }

    /// <summary>A stop that comes from a token rather than the process (tests, an embedding host).</summary>
    public static StopSignals From(CancellationToken stop)
    {
        var signals = new StopSignals();
        signals._fromToken = stop.Register(() => signals.Receive("Ctrl+C"));
        return signals;
    }

    /// <returns>Whether the default action (terminate) is suppressed: true for the first two signals.</returns>
    public bool Receive(string name)
    {
        switch (Interlocked.Increment(ref _received))
        {
            case 1:
                Signal = name;
                _stop.Cancel();
                return true;
            case 2:
                _now.Cancel();
                return true;
            default:
                return false;
        }
    }

    public void Dispose()
    {
        _fromToken.Dispose();
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
        _now.Dispose();
    }
}

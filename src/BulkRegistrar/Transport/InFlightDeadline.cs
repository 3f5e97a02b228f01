namespace BulkRegistrar.Transport;

/// <summary>
/// When to stop waiting for requests already sent: <see cref="Token"/> is cancelled
/// <c>drainTime</c> after <c>stop</c> (the first Ctrl+C/SIGTERM), on the run's clock, or at once on
/// <c>stopNow</c> (the second). Never before the stop: a normal run waits for every answer.
/// </summary>
internal sealed class InFlightDeadline : IDisposable
{
    private readonly CancellationTokenSource _drained;
    private readonly CancellationTokenSource _passed;
    private readonly CancellationTokenRegistration _onStop;

    public InFlightDeadline(CancellationToken stop, CancellationToken stopNow, TimeSpan drainTime, TimeProvider time)
    {
        // Created unarmed and armed by the stop, so the bound counts from the signal.
        _drained = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _passed = CancellationTokenSource.CreateLinkedTokenSource(_drained.Token, stopNow);
        _onStop = stop.Register(() => _drained.CancelAfter(drainTime));
    }

    public CancellationToken Token => _passed.Token;

    public void Dispose()
    {
        _onStop.Dispose();
        _passed.Dispose();
        _drained.Dispose();
    }
}

using System.Threading.Channels;

namespace BulkRegistrar.Audit;

/// <summary>
/// The last stage: turns finished work items into audit records and writes them on a task of its
/// own, behind a bounded channel, so formatting JSON and CSV overlaps validation (or Graph I/O)
/// instead of adding to it. <see cref="CompleteAsync"/> drains everything before returning, so the
/// audit is complete whenever the run ends — normally, by cancellation or by a file-level error.
/// </summary>
internal sealed class AuditStage<T>
{
    private readonly Channel<T> _channel;
    private readonly Task _writer;

    private readonly AuditWriter _audit;
    private readonly Lock _gate = new();
    private Action<string, Exception>? _onFailure;
    private bool _reported;

    /// <param name="capacity">Items waiting at most: with items that are batches, what bounds the memory is capacity × batch size.</param>
    public AuditStage(AuditWriter audit, Func<T, IEnumerable<AuditRecord>> toRecords, Action<AuditRecord>? observe = null, int capacity = 4096)
    {
        _audit = audit;
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _writer = Task.Run(async () =>
        {
            // Not cancellable on purpose: whatever was accepted is written. After a write failure the channel is still
            // drained (records tallied, not written), so no stage waits forever on a full channel.
            await foreach (var item in _channel.Reader.ReadAllAsync(CancellationToken.None))
            {
                foreach (var record in toRecords(item))
                {
                    audit.Write(record);
                    observe?.Invoke(record);
                }

                Report();
            }

            audit.Flush();
            Report();
        });
    }

    /// <summary>
    /// Called once (with the file and the failure), at once, when the audit cannot be written (or now, if it already failed): the run must stop sending,
    /// since what it does from here could not be recorded. Without it, a full disk would be noticed only at the end.
    /// </summary>
    public void WhenFailed(Action<string, Exception> onFailure)
    {
        lock (_gate)
        {
            _onFailure = onFailure;
        }

        Report();
    }

    private void Report()
    {
        Action<string, Exception>? handler;
        lock (_gate)
        {
            if (_reported || _audit.Failure is null || _onFailure is null)
            {
                return;
            }

            (_reported, handler) = (true, _onFailure);
        }

        handler(_audit.FailedPath!, _audit.Failure);
    }

    public ValueTask Accept(T item, CancellationToken ct = default) => _channel.Writer.WriteAsync(item, ct);

    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _writer;
    }
}

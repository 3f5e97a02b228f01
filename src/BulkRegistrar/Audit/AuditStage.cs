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
    private readonly Channel<T> _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Task _writer;

    public AuditStage(AuditWriter audit, Func<T, IEnumerable<AuditRecord>> toRecords, Action<AuditRecord>? observe = null)
    {
        _writer = Task.Run(async () =>
        {
            // Not cancellable on purpose: whatever was accepted is written.
            await foreach (var item in _channel.Reader.ReadAllAsync(CancellationToken.None))
            {
                foreach (var record in toRecords(item))
                {
                    audit.Write(record);
                    observe?.Invoke(record);
                }
            }

            audit.Flush();
        });
    }

    public ValueTask Accept(T item, CancellationToken ct = default) => _channel.Writer.WriteAsync(item, ct);

    public async Task CompleteAsync()
    {
        _channel.Writer.TryComplete();
        await _writer;
    }
}

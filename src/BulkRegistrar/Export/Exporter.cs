using System.Threading.Channels;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Export;

/// <summary>
/// export, wired: users (from the CSV or, with --all, the tenant's pages) → read each user's methods
/// through apply's own dispatch path (<see cref="Batcher"/>: <c>$batch</c> of 20, shared throttle gate,
/// budget pacer, adaptive concurrency; <see cref="GraphExecutor"/>: Polly retries honouring Retry-After) →
/// the CSV, in input order. Many users are read at once so batches fill; a bounded window of in-flight
/// users keeps memory flat and the output ordered.
/// </summary>
internal sealed class Exporter(TransportOptions dispatch, TimeProvider time, bool beta = false)
{
    private GraphTransport? _session;

    public DispatchStats Stats => _session?.Stats ?? new();

    public long Done => Interlocked.Read(ref _done);

    public long Exported => Interlocked.Read(ref _exported);

    private long _done;
    private long _exported;

    /// <param name="users">User keys from the CSV; null for every user of the tenant.</param>
    /// <param name="problem">Called, in order, for each user that could not be exported.</param>
    /// <returns>The reason the export stopped early (authentication failure, listing failed), or null.</returns>
    /// <exception cref="IOException">The file could not be written (a full disk), after every read was stopped.</exception>
    public async Task<string?> RunAsync(GraphTarget target, IAsyncEnumerable<string>? users, ExportFile file, Action<ExportResult> problem,
        CancellationToken stop, int pageSize = UserLister.MaxPageSize)
    {
        var session = _session = new GraphTransport(target, dispatch, time, new TransportRun { Stop = stop });
        var reader = new MethodReader(session.Executor, session.Requests, beta);

        var window = Math.Max(1, dispatch.Concurrency) * BatchSender.MaxBatchSize * 2;
        var inFlight = Channel.CreateBounded<Task<ExportResult>>(window);
        var producing = Task.Run(async () =>
        {
            try
            {
                if (users is null)
                {
                    await foreach (var (id, upn) in new UserLister(session.Graph, session.Executor, pageSize).ListAsync(stop))
                    {
                        await inFlight.Writer.WriteAsync(reader.ReadAsync(upn, id), stop);
                    }
                }
                else
                {
                    await foreach (var user in users.WithCancellation(stop))
                    {
                        await inFlight.Writer.WriteAsync(reader.ReadAsync(user), stop);
                    }
                }

                inFlight.Writer.Complete();
            }
            catch (Exception e)
            {
                inFlight.Writer.Complete(e);
            }
        }, CancellationToken.None);

        string? abort = null;
        Exception? unwritable = null;
        try
        {
            await foreach (var pending in inFlight.Reader.ReadAllAsync(CancellationToken.None))
            {
                ExportResult result;
                try
                {
                    result = await pending;
                }
                catch (RunAbortedException e)
                {
                    abort ??= e.Message;
                    continue; // keep draining: users already read are still written
                }
                catch (OperationCanceledException)
                {
                    abort ??= "Cancelled (Ctrl+C).";
                    continue;
                }

                if (result.Row is { } row)
                {
                    if (unwritable is not null)
                    {
                        continue; // draining, so the producer is not left waiting on a full channel
                    }

                    try
                    {
                        file.Write(row);
                        Interlocked.Increment(ref _exported);
                    }
                    catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))
                    {
                        // A full disk: reading more users is pointless, and the file is removed by the caller.
                        unwritable = e;
                        session.Abort(new RunAbort(AbortCause.EvidenceUnwritable, e.Message));
                    }
                }
                else
                {
                    problem(result);
                }

                Interlocked.Increment(ref _done);
            }
        }
        catch (Exception e) when (e is RunAbortedException or ExportFailedException)
        {
            abort ??= e.Message;
        }
        catch (OperationCanceledException)
        {
            abort ??= "Cancelled (Ctrl+C).";
        }
        finally
        {
            await producing;
            abort ??= (await session.CompleteAsync())?.Reason;
        }

        if (unwritable is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unwritable); // the caller says it in one sentence and removes the file
        }

        return abort;
    }
}

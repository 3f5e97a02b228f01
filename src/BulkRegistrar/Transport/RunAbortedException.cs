using BulkRegistrar.Audit;

namespace BulkRegistrar.Transport;

/// <summary>The run was stopped: calls not yet sent are not sent.</summary>
internal sealed class RunAbortedException(RunAbort abort) : Exception(abort.Reason)
{
    public RunAbort Abort { get; } = abort;
}

namespace BulkRegistrar.Dispatch;

/// <summary>The run was stopped (authentication failed): calls not yet sent are not sent.</summary>
internal sealed class RunAbortedException(string reason) : Exception(reason);

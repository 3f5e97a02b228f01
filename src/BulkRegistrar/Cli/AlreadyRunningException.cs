namespace BulkRegistrar.Cli;

/// <summary>Another process holds the lock of the folder this run needs (an inbox, a run folder): one sentence, exit code 3, nothing done.</summary>
internal sealed class AlreadyRunningException(string message) : UsageException(message);

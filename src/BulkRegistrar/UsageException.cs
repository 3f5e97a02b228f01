namespace BulkRegistrar;

/// <summary>A bad option or configuration value: one sentence for the user, exit code 2, no stack trace.</summary>
internal class UsageException(string message) : Exception(message);

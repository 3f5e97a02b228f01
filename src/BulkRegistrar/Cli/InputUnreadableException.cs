namespace BulkRegistrar.Cli;

/// <summary>
/// The input file cannot be opened by this account (gone, a dangling link, no permission, a pipe): one sentence, exit
/// code 2. Not its content's fault, so the inbox leaves it where it is — but not the run's either, so the inbox goes on
/// with the next file instead of stopping: one unreadable file must not hold up every later file, night after night.
/// </summary>
internal sealed class InputUnreadableException(string message) : UsageException(message);

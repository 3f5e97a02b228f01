namespace BulkRegistrar;

/// <summary>
/// A problem of the run, not of the input file: configuration, options, the state store, the target, a lock,
/// a folder or disk the run needs. One sentence for the user and exit code 2, like every <see cref="UsageException"/>;
/// the inbox tells the two apart, because a good file must never go to <c>failed/</c> for a night the run could not work.
/// </summary>
internal sealed class RunProblemException(string message) : UsageException(message);

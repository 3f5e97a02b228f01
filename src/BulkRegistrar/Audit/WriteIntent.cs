namespace BulkRegistrar.Audit;

/// <summary>
/// What a write is for: the input line and method whose audit record will settle it, the user it addresses, and the
/// operation. <see cref="IntentJournal"/> records it before the write's batch leaves.
/// </summary>
internal sealed record WriteIntent(int Line, MethodKind Method, string User, string Operation);

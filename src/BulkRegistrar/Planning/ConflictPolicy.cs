namespace BulkRegistrar.Planning;

/// <summary>What to do when the tenant already holds a different value for a method (<c>--on-conflict</c>).</summary>
internal enum ConflictPolicy
{
    /// <summary>Leave the registered value; report <c>Conflict</c> with the existing number masked.</summary>
    Skip,

    /// <summary>Replace it (PATCH), reported <c>Updated</c>.</summary>
    Update,
}

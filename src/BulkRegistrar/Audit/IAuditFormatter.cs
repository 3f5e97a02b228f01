namespace BulkRegistrar.Audit;

/// <summary>One audit file format (JSON Lines for machines, CSV for people).</summary>
internal interface IAuditFormatter : IDisposable
{
    /// <summary>The file it writes.</summary>
    string Path { get; }

    void Write(AuditRecord record);

    /// <summary>Pushes everything written so far to disk.</summary>
    void Flush();
}

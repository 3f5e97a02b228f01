namespace BulkRegistrar.Reading;

/// <summary>The <c>Csv</c> section of appsettings.json.</summary>
internal sealed class CsvOptions
{
    /// <summary>
    /// The encoding of files without a byte order mark, such as <c>windows-1252</c>; null means
    /// UTF-8, checked strictly. The CLI's <c>--encoding</c> overrides it. A BOM always wins.
    /// </summary>
    public string? Encoding { get; set; }

    /// <summary>The longest record in bytes, so that an unclosed quote cannot swallow the file into memory.</summary>
    public int MaxRecordSize { get; set; } = 65536;

    /// <summary>
    /// Header aliases per column key (User, MobilePhone, …). Configured aliases EXTEND the
    /// built-in ones, they never replace them: the configuration binder appends configured array
    /// items to the initialiser's arrays, and the reader also merges the built-in defaults back
    /// in when this dictionary is assigned in code. So adding a header name your HR system uses
    /// is one line, the shipped defaults (repeated in appsettings.json) stay accepted, and a
    /// repeated alias is harmless. An alias listed under two keys is a <see cref="Validate"/> error.
    /// </summary>
    public Dictionary<string, string[]> Columns { get; set; } = ColumnAliases.CreateDefaults();

    /// <summary>Configuration mistakes, one sentence each; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(ColumnAliases.Build(this).Errors);
        if (Encoding is not null && !CsvEncodings.TryResolve(Encoding, out _))
        {
            errors.Add(CsvEncodings.UnknownMessage("Csv:Encoding", Encoding));
        }

        if (MaxRecordSize < MinRecordSize)
        {
            errors.Add($"Csv:MaxRecordSize is {MaxRecordSize}; it must be at least {MinRecordSize} bytes.");
        }

        return errors;
    }

    public const int MinRecordSize = 1024;
}

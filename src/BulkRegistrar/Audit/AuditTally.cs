namespace BulkRegistrar.Audit;

/// <summary>Counts per outcome and per error category, kept as records are written.</summary>
internal sealed class AuditTally
{
    private readonly long[] _outcomes = new long[Enum.GetValues<Outcome>().Length];
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);

    public long Records { get; private set; }

    public IReadOnlyDictionary<string, long> Errors => _errors;

    public long this[Outcome outcome] => _outcomes[(int)outcome];

    public IEnumerable<KeyValuePair<string, long>> Outcomes =>
        Enum.GetValues<Outcome>().Where(o => _outcomes[(int)o] > 0).Select(o => KeyValuePair.Create(AuditNames.Of(o), _outcomes[(int)o]));

    public void Add(AuditRecord record)
    {
        Records++;
        _outcomes[(int)record.Outcome]++;
        if (record.Error is { } error)
        {
            _errors[error] = _errors.GetValueOrDefault(error) + 1;
        }
    }
}

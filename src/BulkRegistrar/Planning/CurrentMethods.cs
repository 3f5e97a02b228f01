namespace BulkRegistrar.Planning;

/// <summary>
/// A list of a user's methods that Graph gives in one request, as <see cref="CurrentMethods"/> keys its answer. How it is
/// requested and parsed is its description's (<c>Methods/MethodList</c>, which derives from this).
/// </summary>
internal abstract class ReadList(string noun)
{
    /// <summary>What the list holds, for a sentence: "Reading the user's phone methods failed."</summary>
    public string Noun { get; } = noun;
}

/// <summary>
/// What the tenant holds for a user, read before anything is written: the parsed answer of each
/// <see cref="ReadList"/> that was read, which each method's description interprets. Immutable.
/// </summary>
internal sealed class CurrentMethods
{
    private static readonly IReadOnlySet<string> Nothing = new HashSet<string>();
    private readonly Dictionary<ReadList, object?> _lists;

    private CurrentMethods(Dictionary<ReadList, object?> lists, IReadOnlySet<string> handedOff, IReadOnlySet<string> mayBeLost,
        DateTimeOffset? hireDate = null, DateTimeOffset? readAt = null) =>
        (_lists, HandedOff, MayBeLost, HireDate, ReadAt) = (lists, handedOff, mayBeLost, hireDate, readAt);

    /// <summary>A user with nothing registered (and nothing read): what write-first assumes of a new hire.</summary>
    public static CurrentMethods None { get; } = new([], Nothing, Nothing);

    /// <summary>
    /// The methods (by name) the run's hand-off file already holds a secret of for this user: issued by this run,
    /// or by an earlier run writing the same file.
    /// </summary>
    public IReadOnlySet<string> HandedOff { get; }

    /// <summary>
    /// apply --resume: the methods (by name) whose secret the interrupted run sent (intents.jsonl) without its answer or
    /// hand-off line being kept (a full disk, a kill), so what the user holds may be one nobody knows: it is replaced, not kept.
    /// </summary>
    public IReadOnlySet<string> MayBeLost { get; }

    /// <summary>The user's <c>employeeHireDate</c>, read with the lookup (null: none set, or not read).</summary>
    public DateTimeOffset? HireDate { get; }

    /// <summary>When the user was read, on the run's clock: what "the hire date has passed" is judged against.</summary>
    public DateTimeOffset? ReadAt { get; }

    /// <summary>The list's parsed answer, or null when it was not read (or holds nothing).</summary>
    public object? Of(ReadList list) => _lists.GetValueOrDefault(list);

    public CurrentMethods With(ReadList list, object? answer) => new(new(_lists) { [list] = answer }, HandedOff, MayBeLost, HireDate, ReadAt);

    public CurrentMethods WithHandedOff(IReadOnlySet<string> methods) => new(_lists, methods, MayBeLost, HireDate, ReadAt);

    public CurrentMethods WithMayBeLost(IReadOnlySet<string> methods) => new(_lists, HandedOff, methods, HireDate, ReadAt);

    public CurrentMethods WithHireDate(DateTimeOffset? hireDate, DateTimeOffset readAt) => new(_lists, HandedOff, MayBeLost, hireDate, readAt);
}

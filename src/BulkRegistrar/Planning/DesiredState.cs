using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// One method the file wants for a user, and the audit record it answers to (the row's line).
/// <see cref="Value"/> is the Graph-form number, the e-mail address, or the SMS sign-in word
/// (<see cref="Sms"/> is its typed form); null on a remove row that names no value ("remove whatever is registered").
/// </summary>
internal sealed record DesiredMethod(MethodKind Method, RowAction Action, string? Value, int Line, string? Input, string? Warning = null)
{
    /// <summary>What the file asks of SMS sign-in; null for every other method.</summary>
    public SmsSignIn? Sms => Method == MethodKind.SmsSignIn ? SmsSignInNames.Parse(Value) : null;
}

/// <summary>Everything the file wants for one user, merged from that user's usable rows.</summary>
internal sealed record DesiredState(string User, IReadOnlyList<DesiredMethod> Methods)
{
    /// <summary>The object id the file gives beside the UPN (<see cref="User"/>): the user is looked up by it, and must be the one the UPN names.</summary>
    public string? ObjectId { get; init; }

    public DesiredMethod? Find(MethodKind method) => Methods.FirstOrDefault(m => m.Method == method);
}

/// <summary>What the tenant holds for a user, read before anything is written.</summary>
internal sealed record CurrentMethods(IReadOnlyDictionary<MethodKind, CurrentPhone> Phones, CurrentEmail? Email)
{
    /// <summary>The user's Temporary Access Pass (metadata only), when the file asks for one.</summary>
    public CurrentTap? Tap { get; init; }

    /// <summary>The run's hand-off file already holds a pass for this user (issued by this run, or an earlier run writing the same file).</summary>
    public bool TapHandedOff { get; init; }

    /// <summary>
    /// apply --resume: the interrupted run sent this user's pass (intents.jsonl) without its answer or hand-off line being
    /// kept (a full disk, a kill), so a pass the user holds may be one nobody knows; it is replaced, not kept.
    /// </summary>
    public bool TapMayBeLost { get; init; }

    public static CurrentMethods None { get; } = new(new Dictionary<MethodKind, CurrentPhone>(), null);
}

/// <param name="SmsSignInState">Null when Graph's answer carries none.</param>
internal sealed record CurrentPhone(string Number, SmsSignInState? SmsSignInState);

internal sealed record CurrentEmail(string Id, string Address);

/// <param name="Reason">Graph's <c>methodUsabilityReason</c>: EnabledByPolicy, NotYetValid, Expired, OneTimeUsed, DisabledByPolicy.</param>
internal sealed record CurrentTap(string Id, DateTimeOffset? Start, DateTimeOffset? End, bool IsUsable, string? Reason)
{
    /// <summary>The user holds a pass they can (or, from its start, will be able to) sign in with: a new one would silently replace it.</summary>
    public bool IsHeld => IsUsable || string.Equals(Reason, "NotYetValid", StringComparison.OrdinalIgnoreCase);

    public string Describe() =>
        $"valid from {Show(Start)} until {Show(End)}{(Reason is null ? "" : $", {Reason}")}";

    private static string Show(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}

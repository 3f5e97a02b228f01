using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// One method the file wants for a user, and the audit record it answers to (the row's line).
/// <see cref="Value"/> is the Graph-form number, the e-mail address, or <c>enable</c>/<c>disable</c>;
/// null on a remove row that names no value ("remove whatever is registered").
/// </summary>
internal sealed record DesiredMethod(AuditMethod Method, RowAction Action, string? Value, int Line, string? Input, string? Warning = null);

/// <summary>Everything the file wants for one user, merged from that user's usable rows.</summary>
internal sealed record DesiredState(string User, IReadOnlyList<DesiredMethod> Methods)
{
    public DesiredMethod? Find(AuditMethod method) => Methods.FirstOrDefault(m => m.Method == method);
}

/// <summary>What the tenant holds for a user, read before anything is written.</summary>
internal sealed record CurrentMethods(IReadOnlyDictionary<AuditMethod, CurrentPhone> Phones, CurrentEmail? Email)
{
    public static CurrentMethods None { get; } = new(new Dictionary<AuditMethod, CurrentPhone>(), null);
}

internal sealed record CurrentPhone(string Number, string? SmsSignInState);

internal sealed record CurrentEmail(string Id, string Address);

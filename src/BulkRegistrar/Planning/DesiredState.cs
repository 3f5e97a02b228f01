using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Planning;

/// <summary>
/// One method the file wants for a user, and the audit record it answers to (the row's line).
/// <see cref="Value"/> is the validated cell's value (the Graph-form number, the e-mail address, the SMS sign-in word, a
/// pass's settings); null on a remove row that names no value ("remove whatever is registered").
/// </summary>
internal sealed record DesiredMethod(MethodKind Method, RowAction Action, string? Value, int Line, string? Input, string? Warning = null)
    : IRecordSubject
{
    /// <summary>The credential the row gave for the write (<see cref="MethodCheck.Secret"/>); never in a record.</summary>
    public string? Secret { get; init; }
}

/// <summary>Everything the file wants for one user, merged from that user's usable rows.</summary>
internal sealed record DesiredState(string User, IReadOnlyList<DesiredMethod> Methods)
{
    /// <summary>The object id the file gives beside the UPN (<see cref="User"/>): the user is looked up by it, and must be the one the UPN names.</summary>
    public string? ObjectId { get; init; }

    public DesiredMethod? Find(MethodKind method) => Methods.FirstOrDefault(m => m.Method == method);
}

using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods;

/// <summary>
/// A method whose writes show in its <see cref="AuthMethod.List"/>, so <see cref="WriteOperation"/> can make them safe to
/// retry: a write whose answer was lost is re-read before it is sent again (never twice), and Graph's "already there" is
/// settled by reading what the tenant holds. The phones, e-mail and SMS sign-in are; a pass or a password is not.
/// </summary>
internal abstract class ReadableMethod(MethodKind kind, string name) : AuthMethod(kind, name)
{
    public abstract override MethodList List { get; }

    public override bool Verifiable => true;

    /// <summary>The request that makes the write.</summary>
    public abstract RequestInformation Request(GraphRequests requests, string id, PlannedOperation op, CurrentMethods current);

    /// <summary>Whether a lost answer is re-read before the write is sent again (a create is; a PATCH or DELETE may simply be repeated).</summary>
    public abstract bool ReadBeforeResend(PlannedOperation op);

    /// <summary>The list's body shows that the tenant already holds what the write wants.</summary>
    public abstract bool Landed(PlannedOperation op, string body);

    /// <summary>The record's sentence for a write Graph accepted.</summary>
    public abstract string DoneText(PlannedOperation op);

    /// <summary>What a successful re-read saw: a fact about the tenant, not a claim about which call made it so.</summary>
    public abstract string SeenText(PlannedOperation op);

    /// <summary>A refusal with a category of its own (SMS sign-in outside the policy), or null for Graph's plain refusal.</summary>
    public virtual Task<(string Error, string Message)?> RefusalAsync(WriteContext write, PlannedOperation op, CallResult refused) =>
        Task.FromResult<(string, string)?>(null);

    public override Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op) => new WriteOperation(write, op).RunAsync();
}

using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using BulkRegistrar.Privacy;
using BulkRegistrar.Validation;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Methods;

/// <summary>
/// One authentication method, described once: what the stages need to know about it, from its cells to its
/// undo. The stages hold no knowledge of any method; they go through <see cref="AuthMethods.All"/> and ask each
/// description. A member a method does not override keeps it out of that stage (no export column, nothing to
/// revert, nothing to verify).
/// </summary>
internal abstract partial class AuthMethod(MethodKind kind, string name) : ICellRules, IMaskedMethod, IPlanRules
{
    private static readonly IReadOnlyDictionary<string, string> NoAdvice = new Dictionary<string, string>();

    /// <summary>The audit's identity of the method.</summary>
    public MethodKind Kind { get; } = kind;

    /// <summary>Graph's camelCase name, which the audit's <c>method</c> field and messages use as it is.</summary>
    public string Name { get; } = name;

    /// <summary>How a message names the method when another one needs it: "it needs the mobile phone".</summary>
    public virtual string Noun => Name;

    public override string ToString() => Name;

    // ---- What the tenant holds (read before planning, and again to verify or revert) ----

    /// <summary>The list the method's current state is read from, shared by every method read from it; null: never read.</summary>
    public virtual MethodList? List => null;

    /// <summary>Whether the tenant already holds the value the file wants (numbers by their parsed value, addresses ignoring case).</summary>
    public virtual bool Same(string? wanted, string? existing) => false;

    /// <summary>A value of this method as the console, logs and the report may show it.</summary>
    public virtual string Mask(string value) => value;

    /// <summary>The value the tenant holds for this method, as export writes it; never called when <see cref="ExportColumn"/> is null.</summary>
    public virtual string? Export(CurrentMethods current) => null;

    /// <summary>The column export writes this method to (a header apply reads), or null when it is not exported.</summary>
    public virtual string? ExportColumn => null;

    /// <summary>Whether a write of it produces a secret that goes to the hand-off file (a pass, a generated password).</summary>
    public virtual bool IssuesSecret => false;

    /// <summary>Whether it is the Temporary Access Pass, whose issue status follows up (was the pass used, is it still usable).</summary>
    public virtual bool IsTemporaryPass => false;

    /// <summary>
    /// Whether its writes delete what the user holds, which revert cannot always bring back (reregister): apply counts them for its
    /// guard before anything is written, and for the closing sentence.
    /// </summary>
    public virtual bool DeletesHeldMethods => false;

    /// <summary>
    /// One wish of the file makes several writes, each with a record of its own that <c>normalized</c> tells apart (reregister: one
    /// deletion per method the user holds); otherwise a line's method has exactly one record.
    /// </summary>
    public virtual bool RecordPerWrite => false;

    /// <summary>What to do about the error categories of its own (report.html's advice), for codes <c>ErrorAdvice</c> has none for.</summary>
    public virtual IReadOnlyDictionary<string, string> Advice => NoAdvice;

    // ---- Planning ----

    /// <summary>
    /// Where this method's write comes among a user's writes; equal numbers have no order between them (registry order).
    /// The bands are listed in <see cref="AuthMethods"/>.
    /// </summary>
    public abstract int PlanOrder(DesiredMethod want);

    /// <summary>Adds what the file wants of this method to the user's plan: a write, or a record settled by reading.</summary>
    public abstract void Plan(DesiredMethod want, PlanContext plan);

    /// <summary>plan mode's sentence for a planned write.</summary>
    public virtual string Describe(PlannedOperation op, CurrentMethods current) =>
        op.Kind == OperationKind.Delete ? "Would remove this method." : "Would register this method.";

    /// <summary>What a write replaces, as read before it (the audit's <c>previous</c>, which revert puts back); null for a create.</summary>
    public virtual string? Previous(PlannedOperation op, CurrentMethods current) => null;

    /// <summary>Whether a create of it can be sent without reading the user first (Dispatch's write-first policy).</summary>
    public virtual bool WriteFirst => false;

    // ---- The tenant's authentication methods policy (read once by the pre-flight; docs/graph-behaviour.md §12) ----

    /// <summary>
    /// The id of the policy configuration that governs this method (<c>TemporaryAccessPass</c>, <c>Sms</c>…), which the pre-flight
    /// reads; null: no configuration governs it, and nothing about it is predicted.
    /// </summary>
    public virtual string? PolicyConfigurationId => null;

    /// <summary>A whole-file flag asks for this method on every row (--issue-tap), whatever the header has.</summary>
    public virtual bool AskedByFlags(MethodDefaults flags) => false;

    /// <summary>
    /// How a planned write uses the policy, or null when the policy has no say in it. By default every write but a removal is
    /// judged against <see cref="PolicyConfigurationId"/>'s state and targets; a method whose writes differ overrides it.
    /// </summary>
    public virtual PolicyUse? PolicyFor(PlannedOperation op) =>
        PolicyConfigurationId is { } id && op.Kind != OperationKind.Delete ? new PolicyUse(id, Noun) : null;

    /// <summary>
    /// A write the policy lets the user have, checked against the configuration's own settings (a pass's lifetime bounds):
    /// null when it fits as planned; else refused, adjusted (<paramref name="clamp"/>: --clamp-tap-lifetime) or noted.
    /// </summary>
    public virtual PolicyFit? FitToPolicy(PlannedOperation op, MethodConfiguration config, bool clamp) => null;

    // ---- Writing (apply) ----

    /// <summary>The method whose write this one needs to have succeeded first (an alternate needs a mobile), or null.</summary>
    public virtual MethodKind? NeedsFirst(PlannedOperation op, CurrentMethods current) => null;

    /// <summary>Sends one planned write and says how it ended (the record is made from that by <see cref="AuditRecords"/>).</summary>
    public abstract Task<WriteResult> WriteAsync(WriteContext write, PlannedOperation op);

    // ---- Verifying (--verify) ----

    /// <summary>Whether a write of it can be re-read from <see cref="List"/> (a password never can).</summary>
    public virtual bool Verifiable => false;

    /// <summary>Whether the list's body shows what the write did; <paramref name="issuedId"/> is the id a create answered with.</summary>
    public virtual bool Shows(PlannedOperation op, string body, string? issuedId) => true;

    /// <summary>What the list's body shows instead, for the mismatch's sentence.</summary>
    public virtual string ObservedAfter(PlannedOperation op, string body) => "";

    // ---- Reverting ----

    /// <summary>The step that undoes one change an apply run recorded (its outcome, value and <c>previous</c>), or null: never reverted.</summary>
    public virtual RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous) => null;

    /// <summary>The same, with the id the write's answer named (<c>issuedId</c>), for a method that tells its own creation by it.</summary>
    public virtual RevertStep? Undo(int line, string user, Outcome outcome, string? value, string? previous, string? issuedId) =>
        Undo(line, user, outcome, value, previous);

    /// <summary>The tenant already holds what undoing the step gives.</summary>
    public virtual bool Reached(RevertStep step, CurrentMethods now) => true;

    /// <summary>Why the tenant no longer holds what the run left (changed since), or null when it does.</summary>
    public virtual string? Conflict(RevertStep step, CurrentMethods now) => null;

    /// <summary>The request that undoes the step.</summary>
    public virtual RequestInformation UndoRequest(GraphRequests requests, RevertStep step, string id, CurrentMethods current) =>
        throw new NotSupportedException($"{Name} is never reverted.");
}

using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Graph;
using BulkRegistrar.Planning;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace BulkRegistrar.Transport;

/// <summary>
/// The pre-flight's second part: the tenant's authentication methods policy, read once before any row
/// (docs/graph-behaviour.md §12): <c>GET /policies/authenticationMethodsPolicy</c> for every configuration's state and targets, then
/// <c>…/authenticationMethodConfigurations/{id}</c> for each configuration a method of the tool names (its own settings, such as
/// TAP's lifetime bounds, are that read's). Least permission <see cref="PolicyRead"/>. A policy that cannot be read — the
/// permission missing, a 403, no answer — is a warning and the run goes on without predictions (the write-time refusals are
/// still handled), unless --require-policy, which makes it the run's abort. The same for the group reads the policy's group
/// targets need (<see cref="GroupRead"/>).
/// </summary>
internal sealed partial class Preflight
{
    public const string PolicyRead = "Policy.Read.AuthenticationMethod";
    public const string GroupRead = "GroupMember.Read.All";

    /// <summary>How long the policy read may take, retries included, before the run goes on without it.</summary>
    public static readonly TimeSpan PolicyReadTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] PolicyReaders = [PolicyRead, "Policy.ReadWrite.AuthenticationMethod", "Policy.Read.All"];
    public static readonly string[] GroupReaders = [GroupRead, "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

    /// <summary>What to read of the policy: the configuration ids the tool's methods name; null: the policy is not read.</summary>
    public PolicyRequest? Policy { get; init; }

    /// <summary>The policy as read, or null when it was not (then nothing is predicted).</summary>
    public MethodsPolicy? MethodsPolicy { get; private set; }

    /// <summary>Whether users' group memberships may be read to judge group targets (false: the token lacks a group reader).</summary>
    public bool GroupsReadable { get; private set; } = true;

    /// <summary>Why the run goes on without (part of) the policy's predictions: for the console and summary.json; null when none.</summary>
    public string? PolicyWarning { get; private set; }

    private async Task<RunAbort?> ReadPolicyAsync(GraphServiceClient graph, CancellationToken ct)
    {
        if (Policy is not { Ids.Count: > 0 } wanted)
        {
            return null;
        }

        if (Grants is not null && Lacking(Grants, PolicyReaders, PolicyRead) is { } noPolicy)
        {
            return Unpredicted(AbortCause.GraphForbidden, $"{noPolicy}, so the authentication methods policy was not read");
        }

        // The policy is advice: a read that gets no answer must not hold every row (the probe proved the target answers).
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(PolicyReadTimeout);
        try
        {
            var policy = graph.Policies.AuthenticationMethodsPolicy;
            using var all = await GetAsync(graph, policy.ToGetRequestInformation(), bounded.Token);
            var listed = all is not null && all.RootElement.TryGetProperty("authenticationMethodConfigurations", out var list)
                && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(MethodConfiguration.Parse).OfType<MethodConfiguration>().ToList() : [];
            var own = await Task.WhenAll(wanted.Ids.Select(async id =>
            {
                using var one = await GetAsync(graph, policy.AuthenticationMethodConfigurations[id].ToGetRequestInformation(), bounded.Token,
                    notFoundIsNull: true);
                return one is null ? null : MethodConfiguration.Parse(one.RootElement);
            }));
            MethodsPolicy = new MethodsPolicy(listed).With(own.OfType<MethodConfiguration>());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 403)
        {
            return Unpredicted(AbortCause.GraphForbidden,
                $"Pre-flight: Graph answered 403 {e.Error?.Code} to GET /policies/authenticationMethodsPolicy, which needs {PolicyRead}");
        }
        catch (Exception e) when (e is ODataError or JsonException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            var said = e is ODataError o ? $"HTTP {o.ResponseStatusCode} {o.Error?.Code}"
                : e is OperationCanceledException ? $"no answer within {PolicyReadTimeout.TotalSeconds:0} s" : e.Message;
            return Unpredicted(AbortCause.PolicyUnreadable, $"Pre-flight: the authentication methods policy could not be read ({said})");
        }

        log.Information("Pre-flight: authentication methods policy read: {Configurations}", string.Join(", ",
            MethodsPolicy.Configurations.Where(c => wanted.Ids.Contains(c.Id, StringComparer.OrdinalIgnoreCase))
                .Select(c => $"{c.Id} {(c.Enabled ? "enabled" : "disabled")}")));
        var grouped = MethodsPolicy.Configurations.Any(c => c.Enabled && wanted.Ids.Contains(c.Id, StringComparer.OrdinalIgnoreCase)
            && c.Include.Concat(c.Exclude).Any(t => t.IsGroup));
        if (grouped && Grants is not null && Lacking(Grants, GroupReaders, GroupRead) is { } noGroups)
        {
            GroupsReadable = false;
            return Unpredicted(AbortCause.GraphForbidden, $"{noGroups}, so users' membership of the policy's groups cannot be read: who is "
                + "inside or outside a method's groups");
        }

        return null;
    }

    /// <summary>The policy (or its groups) cannot be used: --require-policy stops the run; else a warning and the run goes on.</summary>
    private RunAbort? Unpredicted(AbortCause cause, string what)
    {
        if (Policy!.Required)
        {
            return new RunAbort(cause, $"{what}; nothing was sent (--require-policy). Grant it with admin consent, or run without --require-policy.");
        }

        PolicyWarning = $"{what}: writes the tenant's policy would refuse are not predicted (plan cannot say \"would be refused by policy\"); "
            + "apply meets such refusals at write time. Grant it with admin consent to have them predicted.";
        log.Warning("{PolicyWarning}", PolicyWarning);
        return null;
    }

    /// <summary>The sentence naming the permission the token lacks (none of <paramref name="any"/>), or null when it has one.</summary>
    private static string? Lacking(TokenGrants grants, string[] any, string least)
    {
        var has = grants.Delegated ? grants.Scopes : grants.Roles;
        if (any.Any(has.Contains))
        {
            return null;
        }

        var granted = has.Count == 0 ? "none" : string.Join(", ", has.Order(StringComparer.Ordinal));
        return $"Pre-flight: the app's access token lacks the {(grants.Delegated ? "delegated" : "application")} permission {least} (it grants {granted})";
    }

    /// <returns>The answer's JSON; null for a 404 when <paramref name="notFoundIsNull"/> (the tenant has no such configuration).</returns>
    private static async Task<JsonDocument?> GetAsync(GraphServiceClient graph, RequestInformation request, CancellationToken ct, bool notFoundIsNull = false)
    {
        var errors = new Dictionary<string, ParsableFactory<IParsable>> { ["XXX"] = ODataError.CreateFromDiscriminatorValue };
        try
        {
            await using var body = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, errors, ct);
            return body is null ? null : await JsonDocument.ParseAsync(body, cancellationToken: ct);
        }
        catch (ODataError e) when (notFoundIsNull && e.ResponseStatusCode == 404)
        {
            return null;
        }
    }
}

/// <summary>What the pre-flight reads of the methods policy: the configuration ids the tool's methods name, and --require-policy.</summary>
internal sealed record PolicyRequest(IReadOnlyList<string> Ids, bool Required);

using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Graph;

/// <summary>
/// The Graph requests the tool makes, as SDK <see cref="RequestInformation"/> (built through the fluent builders, so URLs
/// and bodies are exactly the SDK's): the user lookup here, each method's own requests in its description (through
/// <see cref="Client"/>). Users are addressed by object id everywhere except the first lookup, which sidesteps the SDK's
/// batch URL escaping of <c>#EXT#</c> and <c>$</c> UPNs (docs/sdk-notes.md §2).
/// </summary>
internal sealed class GraphRequests(GraphServiceClient graph)
{
    /// <summary>The SDK client whose fluent builders make the requests (none of them is sent through it: every call goes in a <c>$batch</c>).</summary>
    public GraphServiceClient Client => graph;

    /// <summary>
    /// <c>GET /users/{upn}?$select=id,userPrincipalName,usageLocation</c>. A UPN starting with <c>$</c>
    /// uses the <c>users('…')</c> key form (Graph reads <c>/users/$x</c> as a system query option).
    /// <paramref name="withManager"/> (<c>--handoff-by manager</c>) adds <c>$expand=manager($select=id,userPrincipalName,mail)</c>:
    /// the manager comes in the same answer, so it costs no request of its own (docs/graph-behaviour.md §13.2).
    /// </summary>
    public RequestInformation GetUser(string user, bool withManager = false)
    {
        var info = graph.Users[user].ToGetRequestInformation(c =>
        {
            // employeeHireDate only comes when selected (docs/graph-behaviour.md §13.2): TapStart hireDate plans with it.
            c.QueryParameters.Select = ["id", "userPrincipalName", "usageLocation", "employeeHireDate"];
            if (withManager)
            {
                c.QueryParameters.Expand = ["manager($select=id,userPrincipalName,mail)"];
            }
        });
        if (user.StartsWith('$'))
        {
            var key = Uri.EscapeDataString(user.Replace("'", "''", StringComparison.Ordinal));
            info.URI = new Uri($"{graph.RequestAdapter.BaseUrl}/users('{key}'){info.URI.Query}");
        }

        return info;
    }
}

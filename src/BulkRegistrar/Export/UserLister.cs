using System.Runtime.CompilerServices;
using System.Text.Json;
using BulkRegistrar.Transport;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Export;

/// <summary>
/// <c>export --all</c>: every user of the tenant, from <c>GET /users?$select=id,userPrincipalName&amp;$top=…</c>,
/// following <c>@odata.nextLink</c> page by page. The pages go through the same executor as everything else
/// (batched, paced, retried with Retry-After), so listing a large tenant is throttle-aware too.
/// </summary>
internal sealed class UserLister(GraphServiceClient graph, GraphExecutor executor, int pageSize = UserLister.MaxPageSize)
{
    /// <summary>Graph's largest page for users.</summary>
    public const int MaxPageSize = 999;

    public async IAsyncEnumerable<(string Id, string UserPrincipalName)> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var request = graph.Users.ToGetRequestInformation(c =>
        {
            c.QueryParameters.Select = ["id", "userPrincipalName"];
            c.QueryParameters.Top = pageSize;
        });
        while (request is not null)
        {
            ct.ThrowIfCancellationRequested();
            var page = await executor.RunAsync(new GraphCall(request, IsWrite: false));
            if (!page.Result.IsSuccess)
            {
                var (code, message) = page.Result.Error;
                throw new ExportFailedException($"Listing the tenant's users failed (HTTP {page.Result.Status}{(code is null ? "" : ", " + code)}): "
                    + $"{message ?? "no answer"}");
            }

            using var doc = JsonDocument.Parse(page.Result.Body!);
            foreach (var u in doc.RootElement.GetProperty("value").EnumerateArray())
            {
                if (u.TryGetProperty("id", out var id) && u.TryGetProperty("userPrincipalName", out var upn) && id.GetString() is { } i
                    && upn.GetString() is { } p)
                {
                    yield return (i, p);
                }
            }

            request = doc.RootElement.TryGetProperty("@odata.nextLink", out var next) && next.GetString() is { } link
                ? new RequestInformation { HttpMethod = Method.GET, URI = new Uri(link) }
                : null;
        }
    }
}

/// <summary>The export cannot go on (listing failed); one sentence, exit code 2.</summary>
internal sealed class ExportFailedException(string message) : Exception(message);

using System.Text.Json;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;
using Microsoft.Graph.Users.Item.CheckMemberGroups;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// Which of the policy's groups a user is a member of, transitively: <c>POST /users/{id}/checkMemberGroups</c> with up to 20
/// group ids per request (docs/graph-behaviour.md §13.1), through the same <c>$batch</c>es as every other call, read once per
/// user and only for a user whose file asks for a method the policy scopes by group.
/// </summary>
internal sealed class MemberGroupsReader(GraphExecutor graph, GraphRequests requests)
{
    /// <summary>Graph's documented limit of group ids in one checkMemberGroups.</summary>
    public const int MaxIds = 20;

    /// <returns>The groups among <paramref name="groupIds"/> the user is in; or null and why, when an answer did not come or could not be read.</returns>
    public async Task<(IReadOnlySet<string>? Groups, string? Why)> ReadAsync(string userId, IReadOnlyList<string> groupIds)
    {
        var member = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in groupIds.Chunk(MaxIds))
        {
            var request = requests.Client.Users[userId].CheckMemberGroups
                .ToPostRequestInformation(new CheckMemberGroupsPostRequestBody { GroupIds = [.. chunk] });
            var answer = await graph.RunAsync(new GraphCall(request, IsWrite: false));
            if (!answer.Result.IsSuccess || answer.Result.Body is not { } body)
            {
                return (null, $"reading the user's group membership failed: {CallResult.Said(answer.Result)}");
            }

            try
            {
                using var doc = JsonDocument.Parse(body);
                if (!doc.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                {
                    return (null, "Graph's answer to checkMemberGroups had no list of groups");
                }

                member.UnionWith(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
            }
            catch (JsonException e)
            {
                return (null, $"Graph's answer to checkMemberGroups could not be read ({e.Message})");
            }
        }

        return (member, null);
    }
}

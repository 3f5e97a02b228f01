using System.Text.Json.Nodes;
using GraphEmulator.Graph;

namespace GraphEmulator.Handlers;

/// <summary>
/// POST users/{id}/revokeSignInSessions (docs/graph-behaviour.md §13.3): 200 with <c>{"value": true}</c>; the emulator
/// counts it per user and in stats events ("signInSessionsRevoked"), since there are no sessions to end.
/// </summary>
internal static class SessionHandlers
{
    public static GraphResponse Revoke(HandlerContext c)
    {
        lock (c.User.Gate)
        {
            c.User.SessionsRevoked++;
            c.Applied();
        }

        c.Event("signInSessionsRevoked");
        return c.Ok(200, new JsonObject
        {
            ["@odata.context"] = $"{c.BaseUrl}/$metadata#Edm.Boolean",
            ["value"] = true,
        });
    }
}

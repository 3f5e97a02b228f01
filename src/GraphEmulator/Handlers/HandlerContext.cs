using GraphEmulator.Auth;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>A call about one user: the resolved user besides the request and the services.</summary>
internal sealed class HandlerContext(
    GraphRequest request, GraphPath path, RouteDef route, string? methodId, UserRecord user,
    EmulatorServices services, RequestScope scope, TokenClaims claims) : CallContext(request, path, route, methodId, services, scope, claims)
{
    public UserRecord User { get; } = user;

    /// <summary>
    /// What a read sees (caller holds the user's gate): the live state, or in strict the state before
    /// writes still replicating (read-after-write lag). Writes always check the live state.
    /// </summary>
    public UserView ReadView() => Services.Faults.Strict ? User.ReadView(Scope.Now) : User.Live;

    /// <summary>A write to this user (counted per user too, which strict's read lag draws on).</summary>
    public override void Applied()
    {
        base.Applied();
        User.WritesApplied++;
    }
}

using GraphEmulator.Auth;
using GraphEmulator.Faults;
using GraphEmulator.Handlers;

namespace GraphEmulator.Graph;

/// <summary>The handler call of an admitted request: a user's (with strict's read lag and the forget-writes hook) or the tenant's.</summary>
internal sealed partial class GraphPipeline
{
    private GraphResponse Handle(GraphRequest req, GraphPath path, RouteDef route, string? methodId, string? key,
        State.UserRecord? user, TokenClaims claims, RequestScope scope, FaultDecision fault)
    {
        if (route.Kind == RouteKind.UsersList)
        {
            return UserListHandler.List(s, path, scope);
        }

        if (user is null || key is null)
        {
            return GraphErrors.UserNotFound(key ?? "", scope);
        }

        var strict = s.Faults.Strict;
        if (strict && methodId is not null && !Guid.TryParse(methodId, out _))
        {
            // [emu] strict: method ids are GUIDs (the phone ids are fixed GUIDs), so anything else is a bad request, not a miss.
            return GraphErrors.BadRequest($"Invalid id '{methodId}': an authentication method id is a GUID.", scope, "BadRequest");
        }

        var ctx = new HandlerContext(req, path, route, methodId, user, s, scope, claims);
        if (strict && route.IsWrite)
        {
            lock (user.Gate)
            {
                user.BeforeWrite();
            }
        }

        State.UserView? saved = null;
        if (route.IsWrite)
        {
            lock (user.Gate)
            {
                saved = user.ForgetWrites > 0 ? user.Capture() : null;
            }
        }

        var result = Dispatcher.Dispatch(ctx);
        if (saved is not null && ctx.WriteApplied)
        {
            lock (user.Gate)
            {
                // The forget-writes hook: the answer says success, the tenant keeps what it had (docs/emulator.md).
                user.Restore(saved);
                user.ForgetWrites--;
            }
        }

        if (ctx.WriteApplied)
        {
            s.Stats.CountWrite(route.Name);
            if (strict)
            {
                lock (user.Gate)
                {
                    user.AfterWrite(scope.Now + s.ReadLag(user));
                }
            }
        }

        return Finish(req, result, ctx.WriteApplied, scope, fault);
    }


    /// <summary>A tenant resource (policy, token inventory): no user, so no read lag and no forget-writes hook.</summary>
    private GraphResponse HandleTenant(GraphRequest req, GraphPath path, RouteDef route, string? methodId, TokenClaims claims, RequestScope scope,
        FaultDecision fault)
    {
        var ctx = new TenantContext(req, path, route, methodId, s, scope, claims);
        var result = TenantDispatcher.Dispatch(ctx);
        if (ctx.WriteApplied)
        {
            s.Stats.CountWrite(route.Name);
        }

        return Finish(req, result, ctx.WriteApplied, scope, fault);
    }

    /// <summary>After a lost-response or timeout fault the write has landed and the client learns nothing: the naive retry's duplicate.</summary>
    private GraphResponse Finish(GraphRequest req, GraphResponse result, bool writeApplied, RequestScope scope, FaultDecision fault)
    {
        if (fault.Kind is not (FaultKind.LostResponse or FaultKind.Timeout))
        {
            result.WriteApplied = writeApplied;
            return result;
        }

        s.Stats.CountFault(fault.Name, writeApplied);
        var lost = FaultResponses.Error(fault.Status, scope);
        lost.AbortConnection = fault.Abort && !req.InBatch;
        lost.WriteApplied = writeApplied;
        return lost;
    }
}

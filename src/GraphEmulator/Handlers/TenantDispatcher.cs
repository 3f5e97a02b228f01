using GraphEmulator.Graph;

namespace GraphEmulator.Handlers;

/// <summary>Route kind → handler for the tenant's own resources (no user in the path).</summary>
internal static class TenantDispatcher
{
    public static GraphResponse Dispatch(TenantContext c) => c.Route.Kind switch
    {
        RouteKind.PolicyGet => PolicyHandlers.Get(c),
        RouteKind.PolicyConfigGet => PolicyHandlers.GetConfiguration(c),
        RouteKind.OathDeviceList => OathDeviceHandlers.List(c),
        RouteKind.OathDeviceGet => OathDeviceHandlers.Get(c),
        RouteKind.OathDeviceCreate => OathDeviceHandlers.Create(c),
        RouteKind.OathDeviceBulk => OathDeviceHandlers.Bulk(c),
        _ => c.Bad("Unsupported operation."),
    };
}

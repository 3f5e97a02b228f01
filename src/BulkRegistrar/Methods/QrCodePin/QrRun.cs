using System.Text.Json;
using BulkRegistrar.Graph;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Methods.QrCodePin;

/// <summary>
/// One apply run's means for QR codes + PINs: the badge sheet the images go to, the PINs of <c>--new-pins</c>, and the tenant's standard
/// QR code lifetime — read once, on the first QR write (<c>GET …/authenticationMethodConfigurations/qrCodePin</c>,
/// <c>standardQRCodeLifetimeInDays</c>; docs/graph-behaviour.md §12), for the rows that give no QrCodeExpiry. Graph requires an expiry on
/// every standard QR code, so it cannot be left to Graph: a policy the app may not read (no <c>Policy.Read.AuthenticationMethod</c>)
/// falls back to Graph's documented default of 365 days, and each such record says so.
/// </summary>
internal sealed class QrRun(BadgeSheet? badges, ChosenPins? pins)
{
    private readonly Lock _gate = new();
    private Task<(int Days, string? Why)>? _lifetime;

    public BadgeSheet? Badges => badges;

    public ChosenPins? Pins => pins;

    /// <summary>The standard lifetime in days, and null or why it is Graph's default rather than the tenant's.</summary>
    public Task<(int Days, string? Why)> LifetimeAsync(GraphExecutor graph, GraphRequests requests)
    {
        lock (_gate)
        {
            return _lifetime ??= ReadAsync(graph, requests);
        }
    }

    private static async Task<(int Days, string? Why)> ReadAsync(GraphExecutor graph, GraphRequests requests)
    {
        var request = requests.Client.Policies.AuthenticationMethodsPolicy.AuthenticationMethodConfigurations["qrCodePin"].ToGetRequestInformation();
        var read = await graph.RunAsync(new GraphCall(request, IsWrite: false));
        if (!read.Result.IsSuccess)
        {
            return (QrSpec.DefaultLifetimeDays, $"the tenant's QR code + PIN policy could not be read ({read.Result.Status})");
        }

        try
        {
            using var doc = JsonDocument.Parse(read.Result.Body!);
            if (doc.RootElement.TryGetProperty("standardQRCodeLifetimeInDays", out var d) && d.TryGetInt32(out var days)
                && days is > 0 and <= QrSpec.MaxLifetimeDays)
            {
                return (days, null);
            }
        }
        catch (JsonException)
        {
            // an unreadable policy is one that names no lifetime
        }

        return (QrSpec.DefaultLifetimeDays, "the tenant's QR code + PIN policy names no standard lifetime");
    }
}

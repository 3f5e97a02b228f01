namespace BulkRegistrar.Graph.Credentials;

/// <summary>
/// <c>Graph:Cloud</c>: the national clouds are separate Entra ID and Graph deployments, each with its own
/// sign-in host and Graph host (learn.microsoft.com, "National cloud deployments"). A token from one is
/// worthless in another, so both come from the one setting.
/// </summary>
internal sealed record CloudEndpoints(string Name, Uri AuthorityHost, string GraphRoot)
{
    public static readonly IReadOnlyList<CloudEndpoints> All =
    [
        new("Global", new Uri("https://login.microsoftonline.com/"), "https://graph.microsoft.com"),
        new("USGov", new Uri("https://login.microsoftonline.us/"), "https://graph.microsoft.us"),
        new("USGovDoD", new Uri("https://login.microsoftonline.us/"), "https://dod-graph.microsoft.us"),
        new("China", new Uri("https://login.chinacloudapi.cn/"), "https://microsoftgraph.chinacloudapi.cn"),
    ];

    /// <summary>Graph root including /v1.0, as the SDK's batch code needs it.</summary>
    public string GraphBaseUrl => GraphRoot + "/v1.0";

    /// <summary>The app-only scope: every permission the app was granted in this cloud's Graph.</summary>
    public string Scope => GraphRoot + "/.default";

    public static CloudEndpoints? Find(string? name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(c => c.Name));
}

using Azure.Identity;
using BulkRegistrar.Cli;
using BulkRegistrar.Graph;
using BulkRegistrar.Graph.Credentials;

namespace BulkRegistrar.Tests.Graph.Credentials;

/// <summary>Every mode is constructed and routed: the credential type, the sign-in host, the scope and the Graph it calls.</summary>
public sealed class CredentialFactoryTests
{
    private readonly Dictionary<string, string?> _env = new() { ["BULKREGISTRAR_CLIENT_SECRET"] = "s", ["AZURE_FEDERATED_TOKEN_FILE"] = "/var/run/token" };
    private readonly List<string> _prompts = [];

    private CredentialFactory Factory => new(name => _env.GetValueOrDefault(name), p => Path.GetFullPath(Path.Combine("/etc/bulkregistrar", p)), _prompts.Add);

    private static GraphOptions Options(string cloud = "Global", string? baseUrl = null) => new()
    {
        TenantId = "contoso.onmicrosoft.com",
        ClientId = "11111111-2222-3333-4444-555555555555",
        Cloud = cloud,
        BaseUrl = baseUrl,
    };

    [Theory]
    [InlineData("Global", "https://login.microsoftonline.com/", "https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/.default")]
    [InlineData("USGov", "https://login.microsoftonline.us/", "https://graph.microsoft.us/v1.0", "https://graph.microsoft.us/.default")]
    [InlineData("USGovDoD", "https://login.microsoftonline.us/", "https://dod-graph.microsoft.us/v1.0", "https://dod-graph.microsoft.us/.default")]
    [InlineData("china", "https://login.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://microsoftgraph.chinacloudapi.cn/.default")]
    public void Each_cloud_routes_sign_in_scope_and_graph_to_its_own_hosts(string cloud, string authority, string graph, string scope)
    {
        var plan = Factory.Create(Options(cloud), AuthMode.ClientSecret);

        Assert.Equal(new Uri(authority), plan.AuthorityHost);
        Assert.Equal(graph, plan.GraphBaseUrl);
        Assert.Equal(scope, plan.Scope);
        var target = TargetFactory.ForTenant(Options(cloud), Factory, AuthMode.ClientSecret);
        Assert.Equal(graph, target.GraphBaseUrl);
        Assert.Equal(scope, target.Scope);
        Assert.Equal([new Uri(graph).Host], target.AllowedHosts);
    }

    [Theory]
    [InlineData("ClientSecret", typeof(ClientSecretCredential))]
    [InlineData("ManagedIdentity", typeof(ManagedIdentityCredential))]
    [InlineData("WorkloadIdentity", typeof(WorkloadIdentityCredential))]
    [InlineData("AzureCli", typeof(AzureCliCredential))]
    [InlineData("Default", typeof(DefaultAzureCredential))]
    [InlineData("DeviceCode", typeof(DeviceCodeCredential))]
    public void Each_mode_builds_its_azure_identity_credential_for_the_configured_cloud(string name, Type expected)
    {
        var mode = Enum.Parse<AuthMode>(name);
        var plan = Factory.Create(Options("USGov"), mode);

        Assert.IsType(expected, plan.Credential);
        Assert.Equal(mode, plan.Mode);
        Assert.Equal(new Uri("https://login.microsoftonline.us/"), plan.AuthorityHost);
        Assert.Equal("https://graph.microsoft.us/.default", plan.Scope);
        Assert.Equal(new BulkRegistrar.Audit.IdentitySummary("contoso.onmicrosoft.com", "11111111-2222-3333-4444-555555555555", mode.ToString(), "USGov"),
            plan.Describe());
    }

    [Fact]
    public void A_graph_base_url_in_configuration_wins_over_the_clouds_own()
    {
        var plan = Factory.Create(Options("Global", "https://graph.contoso-proxy.example/v1.0/"), AuthMode.ClientSecret);

        Assert.Equal("https://graph.contoso-proxy.example/v1.0", plan.GraphBaseUrl);
    }

    [Theory]
    [InlineData("certificate", "Certificate")]
    [InlineData("ManagedIdentity", "ManagedIdentity")]
    [InlineData("DEVICECODE", "DeviceCode")]
    public void Mode_names_are_read_ignoring_case(string text, string mode) => Assert.Equal(mode, AuthModes.Parse(text, "--auth").ToString());

    [Theory]
    [InlineData("Kerberos")]
    [InlineData("3")]
    [InlineData("")]
    public void An_unknown_mode_is_one_sentence_listing_the_modes(string text)
    {
        var e = Assert.Throws<UsageException>(() => AuthModes.Parse(text, "--auth"));
        Assert.Contains("ClientSecret, Certificate, ManagedIdentity, WorkloadIdentity, AzureCli, Default, DeviceCode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_cloud_is_refused_at_start_up_naming_the_clouds()
    {
        var problems = Options("Moon").Validate();

        Assert.Equal(["Graph:Cloud is 'Moon'; use one of Global, USGov, USGovDoD, China"], problems);
    }

    [Fact]
    public void Workload_identity_without_a_token_file_is_one_sentence()
    {
        _env["AZURE_FEDERATED_TOKEN_FILE"] = null;

        var e = Assert.Throws<UsageException>(() => Factory.Create(Options(), AuthMode.WorkloadIdentity));

        Assert.Contains("AZURE_FEDERATED_TOKEN_FILE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_path_is_relative_to_the_configuration_file_not_the_working_directory()
    {
        var options = Options();
        options.Auth.CertificatePath = "certs/app.pfx";

        var e = Assert.Throws<UsageException>(() => Factory.Create(options, AuthMode.Certificate));

        Assert.Contains($"'{Path.GetFullPath("/etc/bulkregistrar/certs/app.pfx")}'", e.Message, StringComparison.Ordinal);
    }
}

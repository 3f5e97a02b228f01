using System.Buffers.Text;
using System.Text;
using BulkRegistrar.Audit;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Transport;

public class GraphAccessTests
{
    private const string Denied = """{"error":{"code":"accessDenied","message":"Request Authorization failed"}}""";
    private static readonly GraphCall ListPhones = Get("https://graph.microsoft.com/v1.0/users/1/authentication/phoneMethods");
    private static readonly GraphCall LookUp = Get("https://graph.microsoft.com/v1.0/users/a@contoso.com");

    private static GraphCall Get(string url) => new(new RequestInformation { HttpMethod = Method.GET, URI = new Uri(url) }, IsWrite: false);

    private static string Jwt(string payload) =>
        $"{Base64Url.EncodeToString("""{"alg":"none"}"""u8)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.sig";

    private static GraphAccess Access(IReadOnlySet<string>? roles, bool apply = true) => new(Task.FromResult(roles), apply);

    [Fact]
    public async Task A_403_names_the_permission_the_token_lacks_and_what_it_has()
    {
        var abort = await Access(new HashSet<string> { "User.Read.All" }).RefusedAsync(new CallResult(403, Denied, "r", null, null), ListPhones);

        Assert.Equal(AbortCause.GraphForbidden, abort.Cause);
        Assert.StartsWith("Graph answered 403 accessDenied (Request Authorization failed) when reading authentication methods: "
            + "the app lacks the application permission UserAuthenticationMethod.ReadWrite.All (its token grants User.Read.All).",
            abort.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_needs_only_the_read_permission_for_methods()
    {
        var abort = await Access(new HashSet<string>(), apply: false).RefusedAsync(new CallResult(403, Denied, "r", null, null), LookUp);

        Assert.Contains("lacks the application permission User.Read.All and UserAuthenticationMethod.Read.All (its token grants no application permissions)",
            abort.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_readable_roles_a_403_names_what_the_refused_request_needs()
    {
        var abort = await Access(null).RefusedAsync(new CallResult(403, Denied, "r", null, null), LookUp);

        Assert.Contains("when looking a user up, which needs the application permission User.Read.All.", abort.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_despite_the_needed_roles_says_the_grant_was_probably_removed()
    {
        var access = Access(new HashSet<string> { "User.Read.All", "UserAuthenticationMethod.ReadWrite.All" });

        var abort = await access.RefusedAsync(new CallResult(403, Denied, "r", null, null), ListPhones);

        Assert.Contains("probably removed after the token was issued", abort.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_401_is_its_own_cause_with_graphs_code()
    {
        var refused = new CallResult(401, """{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}}""", "r", null, null);

        var abort = await Access(null).RefusedAsync(refused, ListPhones);

        Assert.Equal(AbortCause.GraphUnauthorized, abort.Cause);
        Assert.StartsWith("Graph answered 401 InvalidAuthenticationToken (Access token validation failure): Graph did not accept the app's access token",
            abort.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_are_read_from_the_token_payload_and_an_opaque_token_gives_none()
    {
        Assert.Equal(["User.Read.All"], GraphAccess.RolesOf(Jwt("""{"roles":["User.Read.All"]}""")));
        Assert.Empty(GraphAccess.RolesOf(Jwt("""{"scp":"x"}"""))!);
        Assert.Null(GraphAccess.RolesOf("opaque-token"));
        Assert.Null(GraphAccess.RolesOf(Jwt("not json")));
    }
}

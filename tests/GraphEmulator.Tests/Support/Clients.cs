using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace GraphEmulator.Tests.Support;

/// <summary>Builds real SDK clients against an emulator, with the SDK's own retries removed (docs/sdk-notes.md §3).</summary>
public static class Clients
{
    public const string ReadWrite = "UserAuthenticationMethod.ReadWrite.All";
    public const string Read = "UserAuthenticationMethod.Read.All";
    public const string UserRead = "User.Read.All";

    public static readonly string[] AllRoles = [ReadWrite, UserRead];

    public const string PolicyRead = "Policy.Read.AuthenticationMethod";
    public const string PolicyReadWrite = "Policy.ReadWrite.AuthenticationMethod";
    public const string GroupMemberRead = "GroupMember.Read.All";
    public const string RevokeSessions = "User.RevokeSessions.All";

    /// <summary>What the importer's new features use: methods, users, groups, the methods policy (and the token inventory) and session revocation.</summary>
    public static readonly string[] PolicyRoles = [ReadWrite, UserRead, GroupMemberRead, PolicyReadWrite, RevokeSessions];

    public static GraphServiceClient Graph(RunningEmulator emulator, string token) =>
        new(Http(emulator), new BaseBearerTokenAuthenticationProvider(new StaticTokenProvider(token)), emulator.GraphBaseUrl);

    public static GraphServiceClient Graph(RunningEmulator emulator, IAuthenticationProvider auth) =>
        new(Http(emulator), auth, emulator.GraphBaseUrl);

    /// <summary>An SDK client on the fixture's emulator with a token holding these roles (default: read/write methods + read users).</summary>
    public static GraphServiceClient Client(this PlainEmulatorFixture fixture, params string[] roles) =>
        Graph(fixture.Emulator, fixture.Emulator.IssueToken(roles.Length > 0 ? roles : AllRoles));

    /// <summary>The SDK's default middleware minus RetryHandler, over a handler pinned to the emulator's certificate.</summary>
    public static HttpClient Http(RunningEmulator emulator)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        handlers.Remove(handlers.OfType<RetryHandler>().Single());
        return GraphClientFactory.Create(handlers, finalHandler: emulator.CreateHttpHandler());
    }

    /// <summary>A plain HttpClient for raw wire checks (no SDK middleware).</summary>
    public static HttpClient Raw(RunningEmulator emulator, string? token = null)
    {
        var http = new HttpClient(emulator.CreateHttpHandler()) { BaseAddress = emulator.BaseUrl };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return http;
    }

    private sealed class StaticTokenProvider(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["127.0.0.1"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
    }
}

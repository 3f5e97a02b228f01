using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Dispatch;

public sealed class UserResolverTests : IAsyncLifetime
{
    private const string Id = "63278c5c-cbfe-55cb-a8e6-20cb90256fb2";
    private EmulatedGraph _graph = null!;

    public async Task InitializeAsync() => _graph = await EmulatedGraph.StartAsync($$"""
        [ { "id": "{{Id}}", "userPrincipalName": "oliver.brown@contoso.com", "usageLocation": "GB" },
          { "id": "7f0e1c7a-0000-4000-8000-000000000002", "userPrincipalName": "nowhere@contoso.com" } ]
        """);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private UserResolver Resolver() => new(_graph.Executor, _graph.Requests);

    [Fact]
    public async Task A_user_found_by_upn_is_addressed_by_object_id_from_then_on()
    {
        var (user, failure) = await Resolver().ResolveAsync("oliver.brown@contoso.com");

        Assert.Null(failure);
        Assert.Equal(Id, user!.Id);
        Assert.Equal("oliver.brown@contoso.com", user.UserPrincipalName);
        Assert.Equal("GB", user.UsageLocation);
        Assert.Single(_graph.Received());
    }

    [Fact]
    public async Task A_user_the_tenant_does_not_have_is_NotFound_with_the_lookups_answer()
    {
        var (user, failure) = await Resolver().ResolveAsync("ghost@contoso.com");

        Assert.Null(user);
        Assert.Equal(Outcome.NotFound, failure!.Outcome);
        Assert.Equal(ErrorCodes.NotFound, failure.Error);
        Assert.Equal(404, failure.Call!.Result.Status);
        Assert.NotNull(failure.Call.Result.RequestId);
    }

    [Fact]
    public async Task A_user_without_a_usage_location_is_resolved_with_none_for_validation_to_say_so()
    {
        var (user, _) = await Resolver().ResolveAsync("nowhere@contoso.com");

        Assert.Null(user!.UsageLocation);
    }
}

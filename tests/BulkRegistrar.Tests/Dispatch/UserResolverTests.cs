using BulkRegistrar.Audit;
using BulkRegistrar.Dispatch;
using BulkRegistrar.Planning;
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

    private static DesiredState Desired(string upn, string? objectId = null) => new(upn, []) { ObjectId = objectId };

    [Fact]
    public async Task A_user_found_by_upn_is_addressed_by_object_id_from_then_on()
    {
        var (user, failure) = await Resolver().ResolveAsync(Desired("oliver.brown@contoso.com"));

        Assert.Null(failure);
        Assert.Equal(Id, user!.Id);
        Assert.Equal("oliver.brown@contoso.com", user.UserPrincipalName);
        Assert.Equal("GB", user.UsageLocation);
        Assert.Single(_graph.Received());
    }

    [Fact]
    public async Task A_user_the_tenant_does_not_have_is_NotFound_with_the_lookups_answer()
    {
        var (user, failure) = await Resolver().ResolveAsync(Desired("ghost@contoso.com"));

        Assert.Null(user);
        Assert.Equal(Outcome.NotFound, failure!.Outcome);
        Assert.Equal(ErrorCodes.NotFound, failure.Error);
        Assert.Equal(404, failure.Call!.Result.Status);
        Assert.NotNull(failure.Call.Result.RequestId);
    }

    [Fact]
    public async Task A_user_without_a_usage_location_is_resolved_with_none_for_validation_to_say_so()
    {
        var (user, _) = await Resolver().ResolveAsync(Desired("nowhere@contoso.com"));

        Assert.Null(user!.UsageLocation);
    }

    [Fact]
    public async Task A_row_with_an_object_id_is_looked_up_by_it_and_its_upn_must_name_that_user()
    {
        var (user, failure) = await Resolver().ResolveAsync(Desired("Oliver.Brown@contoso.com", Id));

        Assert.Null(failure);
        Assert.Equal(Id, user!.Id);
        Assert.Contains(Id, Assert.Single(_graph.Received()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_id_of_another_user_is_ObjectIdMismatch_naming_both()
    {
        var (user, failure) = await Resolver().ResolveAsync(Desired("nowhere@contoso.com", Id));

        Assert.Null(user);
        Assert.Equal(Outcome.Invalid, failure!.Outcome);
        Assert.Equal(ErrorCodes.ObjectIdMismatch, failure.Error);
        Assert.Contains("belongs to oliver.brown@contoso.com, not to nowhere@contoso.com", failure.Message, StringComparison.Ordinal);
    }
}

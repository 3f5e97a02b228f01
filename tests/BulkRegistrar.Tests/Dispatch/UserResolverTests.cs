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

    private UserResolver Resolver() => new(_graph.Executor, _graph.Requests, new PhoneNormalizer());

    private static DesiredMethod Mobile(string? value, string input = "07400 123456") => new(MethodKind.Mobile, RowAction.Register, value, 2, input);

    private static PendingRegion Pending(string input) =>
        new(Mobile(null, input), new JudgedCell(2, "oliver.brown@contoso.com", RowAction.Register, new MethodCheck(MethodKind.Mobile, input, null, ErrorCodes.MissingRegion, "No region.")));

    [Fact]
    public async Task A_user_found_by_upn_is_addressed_by_object_id_from_then_on()
    {
        var (user, failure) = await Resolver().ResolveAsync(new DesiredState("oliver.brown@contoso.com", [Mobile("+44 7400123456")]), []);

        Assert.Null(failure);
        Assert.Equal(Id, user!.Id);
        Assert.Equal("oliver.brown@contoso.com", user.UserPrincipalName);
        Assert.Equal("GB", user.UsageLocation);
        Assert.Single(_graph.Received());
    }

    [Fact]
    public async Task A_user_the_tenant_does_not_have_is_NotFound_with_the_lookups_answer()
    {
        var (user, failure) = await Resolver().ResolveAsync(new DesiredState("ghost@contoso.com", [Mobile("+44 7400123456")]), []);

        Assert.Null(user);
        Assert.Equal(Outcome.NotFound, failure!.Outcome);
        Assert.Equal(ErrorCodes.NotFound, failure.Error);
        Assert.Equal(404, failure.Call!.Result.Status);
        Assert.NotNull(failure.Call.Result.RequestId);
    }

    [Fact]
    public async Task A_number_without_a_region_is_normalized_with_the_users_usage_location()
    {
        var (user, _) = await Resolver().ResolveAsync(new DesiredState("oliver.brown@contoso.com", []), [Pending("07400 123456")]);

        var mobile = Assert.Single(user!.Desired.Methods);
        Assert.Equal("+44 7400123456", mobile.Value);
        Assert.Empty(user.Settled);
    }

    [Fact]
    public async Task Without_a_usage_location_the_pending_number_keeps_its_record_and_says_the_user_has_none()
    {
        var (user, _) = await Resolver().ResolveAsync(new DesiredState("nowhere@contoso.com", []), [Pending("07400 123456")]);

        Assert.Empty(user!.Desired.Methods);
        var settled = Assert.Single(user.Settled);
        Assert.Equal(ErrorCodes.MissingRegion, settled.Error);
        Assert.Equal("No region. The user has no usageLocation in Entra ID either.", settled.Message);
    }

    [Fact]
    public void A_pending_cell_still_invalid_in_the_users_region_names_that_region()
    {
        var (desired, settled) = UserResolver.ResolveRegions(new DesiredState("u@contoso.com", []), [Pending("12")], "GB", new PhoneNormalizer());

        Assert.Empty(desired.Methods);
        var record = Assert.Single(settled);
        Assert.NotEqual(ErrorCodes.MissingRegion, record.Error);
        Assert.Null(record.Normalized);
        Assert.EndsWith("(Region GB is the user's usageLocation.)", record.Message, StringComparison.Ordinal);
    }
}

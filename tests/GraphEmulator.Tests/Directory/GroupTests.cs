using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CheckMemberGroups;
using Microsoft.Graph.Users.Item.GetMemberGroups;

namespace GraphEmulator.Tests.Directory;

/// <summary>A user's groups: direct and transitive, and the two POST functions, with the permissions Graph documents.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class GroupTests
{
    private readonly PolicyEmulatorFixture _f;

    public GroupTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task Check_member_groups_answers_the_given_groups_the_user_is_in_transitively()
    {
        string[] asked = [PolicySeed.GroupId("All staff"), PolicySeed.GroupId("TAP users"), PolicySeed.GroupId("Frontline"),
            PolicySeed.GroupId("TAP excluded")];

        var result = await _f.Client().Users[PolicySeed.NewHire].CheckMemberGroups
            .PostAsCheckMemberGroupsPostResponseAsync(new CheckMemberGroupsPostRequestBody { GroupIds = [.. asked] });

        Assert.Equal([asked[0], asked[1]], result!.Value);
    }

    [Fact]
    public async Task Get_member_groups_answers_every_group_including_nested_ones()
    {
        var result = await _f.Client().Users[PolicySeed.NewHire].GetMemberGroups
            .PostAsGetMemberGroupsPostResponseAsync(new GetMemberGroupsPostRequestBody { SecurityEnabledOnly = true });

        Assert.Equal(new[] { "All staff", "New hires", "TAP users" }.Select(PolicySeed.GroupId).Order(), result!.Value!.Order());
    }

    [Fact]
    public async Task Member_of_lists_direct_groups_and_transitive_member_of_the_nested_ones_too()
    {
        var graph = _f.Client(Clients.ReadWrite, "Directory.Read.All");

        var direct = await graph.Users[PolicySeed.NewHire].MemberOf.GetAsync();
        var transitive = await graph.Users[PolicySeed.NewHire].TransitiveMemberOf.GetAsync();

        Assert.Equal(["New hires"], direct!.Value!.OfType<Group>().Select(g => g.DisplayName));
        Assert.Equal(["All staff", "New hires", "TAP users"], transitive!.Value!.OfType<Group>().Select(g => g.DisplayName!).Order());
    }

    [Fact]
    public async Task More_than_twenty_groups_in_one_check_is_refused()
    {
        var ids = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid().ToString()).ToList();

        var e = await Assert.ThrowsAsync<ODataError>(() =>
            _f.Client().Users[PolicySeed.NewHire].CheckMemberGroups
                .PostAsCheckMemberGroupsPostResponseAsync(new CheckMemberGroupsPostRequestBody { GroupIds = ids }));

        Assert.Equal(400, e.ResponseStatusCode);
    }

    [Fact]
    public async Task Group_reads_need_the_documented_permissions()
    {
        // A new body per call: the SDK's backing store sends only what changed since the last serialization.
        CheckMemberGroupsPostRequestBody Body() => new() { GroupIds = [PolicySeed.GroupId("All staff")] };

        var userOnly = await Assert.ThrowsAsync<ODataError>(() =>
            _f.Client(Clients.UserRead).Users[PolicySeed.NewHire].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(Body()));
        var both = await Sdk.StatusOf(() =>
            _f.Client(Clients.UserRead, Clients.GroupMemberRead).Users[PolicySeed.NewHire].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(Body()));
        var memberOf = await Sdk.StatusOf(() => _f.Client(Clients.UserRead, Clients.GroupMemberRead).Users[PolicySeed.NewHire].MemberOf.GetAsync());

        Assert.Equal((403, "Authorization_RequestDenied"), (userOnly.ResponseStatusCode, userOnly.Error!.Code));
        Assert.Equal(200, both);
        Assert.Equal(403, memberOf); // application access to another user's memberOf: Directory.Read.All
    }

    [Fact]
    public async Task A_membership_check_is_metered_as_a_read()
    {
        await _f.Client().Users[PolicySeed.NewHire].GetMemberGroups
            .PostAsGetMemberGroupsPostResponseAsync(new GetMemberGroupsPostRequestBody { SecurityEnabledOnly = true });

        Assert.Equal(0, _f.Emulator.GetStats().WritesApplied);
    }
}

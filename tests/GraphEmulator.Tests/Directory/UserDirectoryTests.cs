using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Directory;

/// <summary>The user fields issue 20 reads: employeeHireDate, manager, and revoking sessions.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class UserDirectoryTests
{
    private readonly PolicyEmulatorFixture _f;

    public UserDirectoryTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task The_hire_date_comes_back_only_when_selected()
    {
        var selected = await _f.Client().Users[PolicySeed.NewHire].GetAsync(r => r.QueryParameters.Select = ["id", "employeeHireDate"]);
        var plain = await _f.Client().Users[PolicySeed.NewHire].GetAsync();

        Assert.Equal(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero), selected!.EmployeeHireDate);
        Assert.Null(plain!.EmployeeHireDate);
    }

    [Fact]
    public async Task The_manager_is_read_directly_and_by_expand()
    {
        var graph = _f.Client();

        var manager = await graph.Users[PolicySeed.NewHire].Manager.GetAsync();
        var expanded = await graph.Users[PolicySeed.NewHire].GetAsync(r => r.QueryParameters.Expand = ["manager"]);

        Assert.Equal(PolicySeed.UserId("nora.patel"), manager!.Id);
        Assert.Equal("Nora Patel", Assert.IsType<User>(manager).DisplayName);
        Assert.Equal(PolicySeed.UserId("nora.patel"), expanded!.Manager!.Id);
    }

    [Fact]
    public async Task A_user_without_a_manager_answers_404_for_it()
    {
        var e = await Assert.ThrowsAsync<ODataError>(() => _f.Client().Users[PolicySeed.NoManager].Manager.GetAsync());
        var expanded = await _f.Client().Users[PolicySeed.NoManager].GetAsync(r => r.QueryParameters.Expand = ["manager"]);

        Assert.Equal((404, "Request_ResourceNotFound"), (e.ResponseStatusCode, e.Error!.Code));
        Assert.Null(expanded!.Manager);
    }

    [Fact]
    public async Task Revoking_sessions_answers_true_and_is_counted()
    {
        var result = await _f.Client().Users[PolicySeed.Everything].RevokeSignInSessions.PostAsRevokeSignInSessionsPostResponseAsync();

        Assert.True(result!.Value);
        Assert.Equal(1, _f.Emulator.GetUserState(PolicySeed.Everything)!.SessionsRevoked);
        Assert.Equal(1, _f.Emulator.GetStats().Events["signInSessionsRevoked"]);
        Assert.Equal(1, _f.Emulator.GetStats().WritesAppliedByRoute["POST users/{id}/revokeSignInSessions"]);
    }

    [Fact]
    public async Task Revoking_sessions_needs_a_user_write_or_revoke_permission()
    {
        var refused = await Sdk.StatusOf(() =>
            _f.Client(Clients.ReadWrite, Clients.UserRead).Users[PolicySeed.Everything].RevokeSignInSessions.PostAsRevokeSignInSessionsPostResponseAsync());
        var allowed = await Sdk.StatusOf(() =>
            _f.Client("User.ReadWrite.All").Users[PolicySeed.Everything].RevokeSignInSessions.PostAsRevokeSignInSessionsPostResponseAsync());

        Assert.Equal((403, 200), (refused, allowed));
    }
}

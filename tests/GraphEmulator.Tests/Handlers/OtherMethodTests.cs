using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Authentication.Methods.Item.ResetPassword;

namespace GraphEmulator.Tests.Handlers;

[Collection(EmulatorCollection.Name)]
public sealed class OtherMethodTests
{
    private const string EmailId = "3ddfcfc8-9383-446f-83cc-3ab9be4be18f";
    private const string PasswordId = "28c10230-6103-485e-b985-444c60001490";

    private readonly PlainEmulatorFixture _f;
    private readonly GraphServiceClient _graph;

    public OtherMethodTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
        _graph = _f.Client();
    }

    [Fact]
    public async Task One_email_method_per_user_can_be_created_updated_and_deleted()
    {
        var emails = _graph.Users[Users.Plain].Authentication.EmailMethods;
        var created = await emails.PostAsync(new EmailAuthenticationMethod { EmailAddress = "isla.recovery@outlook.example" });
        Assert.Equal(EmailId, created!.Id);

        var second = await Assert.ThrowsAsync<ODataError>(() => emails.PostAsync(new EmailAuthenticationMethod { EmailAddress = "other@outlook.example" }));
        Assert.Equal(400, second.ResponseStatusCode);

        await emails[EmailId].PatchAsync(new EmailAuthenticationMethod { EmailAddress = "isla.new@outlook.example" });
        Assert.Equal("isla.new@outlook.example", Assert.Single((await emails.GetAsync())!.Value!).EmailAddress);

        await emails[EmailId].DeleteAsync();
        Assert.Empty((await emails.GetAsync())!.Value!);
    }

    [Fact]
    public async Task A_temporary_access_pass_is_shown_only_on_create_and_a_new_one_replaces_the_old()
    {
        var taps = _graph.Users[Users.Plain].Authentication.TemporaryAccessPassMethods;
        var first = await taps.PostAsync(new TemporaryAccessPassAuthenticationMethod { LifetimeInMinutes = 120, IsUsableOnce = true });
        Assert.False(string.IsNullOrEmpty(first!.TemporaryAccessPass));
        Assert.True(first.IsUsable);

        var read = await taps[first.Id].GetAsync();
        Assert.Null(read!.TemporaryAccessPass);
        Assert.Equal(120, read.LifetimeInMinutes);

        var second = await taps.PostAsync(new TemporaryAccessPassAuthenticationMethod());
        var only = Assert.Single((await taps.GetAsync())!.Value!);
        Assert.Equal(second!.Id, only.Id);
        Assert.NotEqual(first.Id, only.Id);

        await taps[second.Id].DeleteAsync();
        Assert.Empty((await taps.GetAsync())!.Value!);
    }

    [Fact]
    public async Task A_temporary_access_pass_is_refused_outside_the_policy_or_its_lifetime_bounds()
    {
        var outside = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.OutsideTapPolicy].Authentication.TemporaryAccessPassMethods.PostAsync(new TemporaryAccessPassAuthenticationMethod()));
        Assert.Equal(400, outside.ResponseStatusCode);
        Assert.Contains("AuthMethodType [TemporaryAccessPass]", outside.Error!.Message, StringComparison.Ordinal);

        var tooLong = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.Plain].Authentication.TemporaryAccessPassMethods
                .PostAsync(new TemporaryAccessPassAuthenticationMethod { LifetimeInMinutes = 50000 }));
        Assert.Equal(400, tooLong.ResponseStatusCode);
    }

    [Fact]
    public async Task All_methods_come_back_typed_so_the_sdk_deserializes_the_derived_classes()
    {
        var all = await _graph.Users[Users.WithEmail].Authentication.Methods.GetAsync();
        var types = all!.Value!.Select(m => m.GetType()).ToList();
        Assert.Contains(typeof(PasswordAuthenticationMethod), types);
        Assert.Contains(typeof(EmailAuthenticationMethod), types);
        Assert.Equal(2, all.Value!.OfType<PhoneAuthenticationMethod>().Count(p => p.PhoneNumber is not null));
    }

    [Fact]
    public async Task The_password_method_is_readable_app_only_with_its_fixed_id()
    {
        var listed = Assert.Single((await _graph.Users[Users.Plain].Authentication.PasswordMethods.GetAsync())!.Value!);
        Assert.Equal(PasswordId, listed.Id);
        Assert.Null(listed.Password);
    }

    [Fact]
    public async Task Reset_password_with_an_app_only_token_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.Plain].Authentication.Methods[PasswordId].ResetPassword
            .PostAsync(new ResetPasswordPostRequestBody { NewPassword = "Correct-Horse-9" }));
        Assert.Equal(403, ex.ResponseStatusCode);
        Assert.Equal("accessDenied", ex.Error!.Code);
        Assert.Equal(0, _f.Emulator.GetUserState(Users.Plain)!.PasswordResets);
    }

    [Fact]
    public async Task Reset_password_with_a_delegated_token_answers_202_with_a_pollable_location()
    {
        var admin = _f.Emulator.GetUserState(Users.Plain2)!.Id;
        var graph = Clients.Graph(_f.Emulator, _f.Emulator.IssueDelegatedToken(admin, Clients.ReadWrite));
        var headers = new Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options.HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var result = await graph.Users[Users.Plain].Authentication.Methods[PasswordId].ResetPassword
            .PostAsync(new ResetPasswordPostRequestBody(), r => r.Options.Add(headers));

        Assert.False(string.IsNullOrEmpty(result!.NewPassword));
        var location = Assert.Single(headers.ResponseHeaders["Location"]);
        Assert.Contains("/authentication/operations/", location, StringComparison.Ordinal);
        Assert.Equal(1, _f.Emulator.GetUserState(Users.Plain)!.PasswordResets);

        using var http = Clients.Raw(_f.Emulator, _f.Emulator.IssueDelegatedToken(admin, Clients.ReadWrite));
        using var poll = await http.GetAsync(new Uri(location));
        Assert.Equal(System.Net.HttpStatusCode.OK, poll.StatusCode);
        Assert.Contains("\"status\"", await poll.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using GraphEmulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Handlers;

[Collection(EmulatorCollection.Name)]
public sealed class PhoneMethodTests
{
    private const string MobileId = "3179e48a-750b-4051-897c-87b9720928f7";
    private const string AlternateId = "b6332ec1-7057-4abe-9331-3d72feddfe41";
    private const string OfficeId = "e37fc753-ff3b-4958-9484-eaa9425c82bc";

    private readonly PlainEmulatorFixture _f;
    private readonly GraphServiceClient _graph;

    public PhoneMethodTests(PlainEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
        _graph = _f.Client();
    }

    [Fact]
    public async Task Mobile_is_created_listed_updated_and_deleted_through_the_sdk()
    {
        var phones = _graph.Users[Users.Plain].Authentication.PhoneMethods;
        var created = await phones.PostAsync(Phone("+44 7400555001", AuthenticationPhoneType.Mobile));
        Assert.Equal(MobileId, created!.Id);
        Assert.Equal("+44 7400555001", created.PhoneNumber);
        Assert.Equal(AuthenticationMethodSignInState.Ready, created.SmsSignInState);

        var updated = await phones[MobileId].PatchAsync(new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555002" });
        Assert.Null(updated); // 204, no body

        var listed = await phones.GetAsync();
        var only = Assert.Single(listed!.Value!);
        Assert.Equal("+44 7400555002", only.PhoneNumber);

        await phones[MobileId].DeleteAsync();
        Assert.Empty((await phones.GetAsync())!.Value!);
        Assert.Equal(3, _f.Emulator.GetUserState(Users.Plain)!.WritesApplied);
    }

    [Fact]
    public async Task A_second_mobile_is_rejected_and_counted_as_a_duplicate_create()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.WithMobile].Authentication.PhoneMethods.PostAsync(Phone("+44 7400555003", AuthenticationPhoneType.Mobile)));
        Assert.Equal(400, ex.ResponseStatusCode);
        Assert.Equal("badRequest", ex.Error!.Code);
        Assert.Equal(1, _f.Emulator.GetStats().DuplicateCreateAttempts);
        Assert.Equal(Users.WithMobileNumber, _f.Emulator.GetUserState(Users.WithMobile)!.PhoneMethods.Single().PhoneNumber);
    }

    [Fact]
    public async Task Alternate_mobile_needs_an_existing_mobile()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(Phone("+44 7400555004", AuthenticationPhoneType.AlternateMobile)));
        Assert.Equal(400, ex.ResponseStatusCode);
        Assert.Empty(_f.Emulator.GetUserState(Users.Plain)!.PhoneMethods);
    }

    [Fact]
    public async Task Mobile_cannot_be_deleted_while_an_alternate_mobile_exists()
    {
        var phones = _graph.Users[Users.WithAlternate].Authentication.PhoneMethods;
        var ex = await Assert.ThrowsAsync<ODataError>(() => phones[MobileId].DeleteAsync());
        Assert.Equal(400, ex.ResponseStatusCode);

        await phones[AlternateId].DeleteAsync();
        await phones[MobileId].DeleteAsync();
        Assert.Empty(_f.Emulator.GetUserState(Users.WithAlternate)!.PhoneMethods);
    }

    [Theory]
    [InlineData("+447400555005")]
    [InlineData("07400 555005")]
    [InlineData("+44 7400-555005")]
    [InlineData("+44 74005x")]
    [InlineData("")]
    public async Task A_number_not_in_the_cc_space_subscriber_form_is_rejected(string number)
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(Phone(number, AuthenticationPhoneType.Office)));
        Assert.Equal(400, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task A_number_with_an_extension_is_accepted_for_an_office_phone()
    {
        var created = await _graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(Phone("+1 4255550142x77", AuthenticationPhoneType.Office));
        Assert.Equal(OfficeId, created!.Id);
        Assert.Equal(AuthenticationMethodSignInState.NotSupported, created.SmsSignInState);
    }

    [Fact]
    public async Task Patch_cannot_change_the_phone_type()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.WithMobile].Authentication.PhoneMethods[MobileId]
            .PatchAsync(new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555006", PhoneType = AuthenticationPhoneType.Office }));
        Assert.Equal(400, ex.ResponseStatusCode);
        Assert.Equal(Users.WithMobileNumber, _f.Emulator.GetUserState(Users.WithMobile)!.PhoneMethods.Single().PhoneNumber);
    }

    [Fact]
    public async Task Patching_a_phone_the_user_does_not_have_answers_404()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.Plain].Authentication.PhoneMethods[OfficeId]
            .PatchAsync(new PhoneAuthenticationMethod { PhoneNumber = "+44 7400555007" }));
        Assert.Equal(404, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task A_mobile_that_reuses_another_users_sms_sign_in_number_is_saved_but_answers_409()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(Phone(Users.WithMobileNumber, AuthenticationPhoneType.Mobile)));
        Assert.Equal(409, ex.ResponseStatusCode);
        Assert.Equal("phoneNumberNotUnique", ex.Error!.Code);

        var saved = await _graph.Users[Users.Plain].Authentication.PhoneMethods[MobileId].GetAsync();
        Assert.Equal(AuthenticationMethodSignInState.PhoneNumberNotUnique, saved!.SmsSignInState);
    }

    [Fact]
    public async Task Sms_sign_in_moves_between_not_enabled_and_ready()
    {
        var mobile = _graph.Users[Users.WithMobile].Authentication.PhoneMethods[MobileId];
        await mobile.DisableSmsSignIn.PostAsync();
        Assert.Equal(AuthenticationMethodSignInState.NotEnabled, (await mobile.GetAsync())!.SmsSignInState);

        await mobile.EnableSmsSignIn.PostAsync();
        Assert.Equal(AuthenticationMethodSignInState.Ready, (await mobile.GetAsync())!.SmsSignInState);
    }

    [Fact]
    public async Task Sms_sign_in_is_refused_on_a_phone_that_is_not_the_mobile()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.WithEmail].Authentication.PhoneMethods[OfficeId].EnableSmsSignIn.PostAsync());
        Assert.Equal(400, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task A_user_outside_the_sms_policy_gets_not_allowed_by_policy_and_cannot_enable()
    {
        var phones = _graph.Users[Users.OutsideSmsPolicy].Authentication.PhoneMethods;
        var created = await phones.PostAsync(Phone("+1 4255550150", AuthenticationPhoneType.Mobile));
        Assert.Equal(AuthenticationMethodSignInState.NotAllowedByPolicy, created!.SmsSignInState);

        var ex = await Assert.ThrowsAsync<ODataError>(() => phones[MobileId].EnableSmsSignIn.PostAsync());
        Assert.Equal(400, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task Enabling_sms_sign_in_with_a_number_another_user_owns_is_refused()
    {
        await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.Plain].Authentication.PhoneMethods.PostAsync(Phone(Users.WithMobileNumber, AuthenticationPhoneType.Mobile)));
        var ex = await Assert.ThrowsAsync<ODataError>(() =>
            _graph.Users[Users.Plain].Authentication.PhoneMethods[MobileId].EnableSmsSignIn.PostAsync());
        Assert.Equal(400, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task An_unknown_user_answers_404_request_resource_not_found()
    {
        var ex = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.Missing].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(404, ex.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", ex.Error!.Code);
        Assert.False(string.IsNullOrEmpty(ex.Error.InnerError!.RequestId));
        Assert.False(string.IsNullOrEmpty(ex.Error.InnerError.ClientRequestId));
    }

    [Fact]
    public async Task A_guest_upn_with_ext_is_found_when_the_sdk_encodes_the_hash()
    {
        var created = await _graph.Users[Users.Guest].Authentication.PhoneMethods.PostAsync(Phone("+1 4255550160", AuthenticationPhoneType.Mobile));
        Assert.Equal(MobileId, created!.Id);
        Assert.Single(_f.Emulator.GetUserState(Users.Guest)!.PhoneMethods);
    }

    [Fact]
    public async Task A_dollar_upn_works_in_the_key_form_and_fails_as_a_bare_segment()
    {
        var bare = await Assert.ThrowsAsync<ODataError>(() => _graph.Users[Users.Dollar].Authentication.PhoneMethods.GetAsync());
        Assert.Equal(400, bare.ResponseStatusCode);

        var keyForm = $"{_f.Emulator.GraphBaseUrl}/users('{Users.Dollar}')/authentication/phoneMethods";
        var created = await _graph.Users[Users.Dollar].Authentication.PhoneMethods.WithUrl(keyForm)
            .PostAsync(Phone("+1 4255550170", AuthenticationPhoneType.Office));
        Assert.Equal(OfficeId, created!.Id);
    }

    private static PhoneAuthenticationMethod Phone(string number, AuthenticationPhoneType type) =>
        new() { PhoneNumber = number, PhoneType = type };
}

using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Methods;

/// <summary>The method types users register themselves: read and delete only, all of them in /authentication/methods.</summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class OtherMethodTypeTests
{
    private readonly PolicyEmulatorFixture _f;

    public OtherMethodTypeTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    [Fact]
    public async Task Every_method_type_comes_back_typed_from_the_methods_list()
    {
        var all = (await _f.Client().Users[PolicySeed.Everything].Authentication.Methods.GetAsync())!.Value!;

        Type[] expected =
        [
            typeof(PasswordAuthenticationMethod), typeof(PhoneAuthenticationMethod), typeof(EmailAuthenticationMethod),
            typeof(TemporaryAccessPassAuthenticationMethod), typeof(MicrosoftAuthenticatorAuthenticationMethod), typeof(Fido2AuthenticationMethod),
            typeof(WindowsHelloForBusinessAuthenticationMethod), typeof(SoftwareOathAuthenticationMethod), typeof(PlatformCredentialAuthenticationMethod),
            typeof(ExternalAuthenticationMethod), typeof(QrCodePinAuthenticationMethod),
        ];
        Assert.All(expected, t => Assert.Contains(all, m => m.GetType() == t));
        Assert.Equal("YubiKey 5 Series with NFC", all.OfType<Fido2AuthenticationMethod>().Single().Model);
        Assert.Equal(AuthenticationMethodPlatform.MacOS, all.OfType<PlatformCredentialAuthenticationMethod>().Single().Platform);

        // The hardware token (a beta type the v1.0 SDK does not know) is listed too, as the base type.
        Assert.Contains(all, m => m.GetType() == typeof(AuthenticationMethod) && m.OdataType == "#microsoft.graph.hardwareOathAuthenticationMethod");
    }

    [Fact]
    public async Task Each_read_only_type_is_listed_read_and_deleted_through_its_own_collection()
    {
        var auth = _f.Client().Users[PolicySeed.Everything].Authentication;
        var fido = Assert.Single((await auth.Fido2Methods.GetAsync())!.Value!);
        var hello = Assert.Single((await auth.WindowsHelloForBusinessMethods.GetAsync())!.Value!);
        var soft = Assert.Single((await auth.SoftwareOathMethods.GetAsync())!.Value!);
        var platform = Assert.Single((await auth.PlatformCredentialMethods.GetAsync())!.Value!);

        Assert.Equal("Work key", (await auth.Fido2Methods[fido.Id].GetAsync())!.DisplayName);
        Assert.Null(soft.SecretKey);
        await auth.Fido2Methods[fido.Id].DeleteAsync();
        await auth.WindowsHelloForBusinessMethods[hello.Id].DeleteAsync();
        await auth.SoftwareOathMethods[soft.Id].DeleteAsync();
        await auth.PlatformCredentialMethods[platform.Id].DeleteAsync();

        Assert.Empty((await auth.Fido2Methods.GetAsync())!.Value!);
        Assert.Equal(404, await Sdk.StatusOf(() => auth.WindowsHelloForBusinessMethods[hello.Id].GetAsync()));
        Assert.Equal(1, _f.Emulator.GetStats().Events["methodDeleted:fido2"]);
        Assert.DoesNotContain(_f.Emulator.GetUserState(PolicySeed.Everything)!.OtherMethods!,
            m => m.Kind is "fido2" or "windowsHelloForBusiness" or "softwareOath" or "platformCredential");
    }

    [Fact]
    public async Task The_default_method_cannot_be_deleted_while_other_methods_exist()
    {
        var graph = _f.Client();
        var authenticator = Assert.Single((await graph.Users[PolicySeed.Manager].Authentication.MicrosoftAuthenticatorMethods.GetAsync())!.Value!);

        var e = await Assert.ThrowsAsync<ODataError>(() =>
            graph.Users[PolicySeed.Manager].Authentication.MicrosoftAuthenticatorMethods[authenticator.Id].DeleteAsync());
        var fido = Assert.Single((await graph.Users[PolicySeed.Manager].Authentication.Fido2Methods.GetAsync())!.Value!);
        await graph.Users[PolicySeed.Manager].Authentication.Fido2Methods[fido.Id].DeleteAsync();
        await graph.Users[PolicySeed.Manager].Authentication.MicrosoftAuthenticatorMethods[authenticator.Id].DeleteAsync();

        Assert.Equal((400, "Cannot delete default method with other methods configured. Please change default method before deletion."),
            (e.ResponseStatusCode, e.Error!.Message));
        Assert.Equal(["28c10230-6103-485e-b985-444c60001490"],
            (await graph.Users[PolicySeed.Manager].Authentication.Methods.GetAsync())!.Value!.Select(m => m.Id));
    }

    [Fact]
    public async Task The_password_method_cannot_be_deleted()
    {
        var status = await Sdk.StatusOf(() => _f.Client().SendAsync(Method.DELETE,
            $"{_f.Emulator.GraphBaseUrl}/users/{PolicySeed.NewHire}/authentication/passwordMethods/28c10230-6103-485e-b985-444c60001490"));

        Assert.Equal(405, status);
    }

    [Fact]
    public async Task A_used_one_time_pass_reads_one_time_used_and_the_hook_marks_a_pass_used()
    {
        var graph = _f.Client();
        var seeded = Assert.Single((await graph.Users[PolicySeed.UsedTap].Authentication.TemporaryAccessPassMethods.GetAsync())!.Value!);
        await graph.Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods
            .PostAsync(new TemporaryAccessPassAuthenticationMethod { IsUsableOnce = true });
        var before = Assert.Single((await graph.Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods.GetAsync())!.Value!);

        Assert.True(_f.Emulator.MarkTemporaryAccessPassUsed(PolicySeed.NewHire));
        var after = Assert.Single((await graph.Users[PolicySeed.NewHire].Authentication.TemporaryAccessPassMethods.GetAsync())!.Value!);

        Assert.Equal(("OneTimeUsed", false), (seeded.MethodUsabilityReason, seeded.IsUsable));
        Assert.Equal("EnabledByPolicy", before.MethodUsabilityReason);
        Assert.Equal("OneTimeUsed", after.MethodUsabilityReason);
        Assert.False(_f.Emulator.MarkTemporaryAccessPassUsed(PolicySeed.Manager)); // no pass to use
    }
}

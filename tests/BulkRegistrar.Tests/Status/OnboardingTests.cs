using BulkRegistrar.Audit;
using BulkRegistrar.Status;

namespace BulkRegistrar.Tests.Status;

public sealed class OnboardingTests
{
    private static readonly Onboarding Default = new(MethodTypes.DefaultStrong);

    private static UserMethods Methods(string items) => UserMethods.Read($$"""{"value":[{{items}}]}""");

    private const string Password = """{"@odata.type":"#microsoft.graph.passwordAuthenticationMethod","id":"28c10230-6103-485e-b985-444c60001490"}""";
    private const string Mobile = """{"@odata.type":"#microsoft.graph.phoneAuthenticationMethod","id":"3179e48a","phoneType":"mobile"}""";
    private const string Authenticator = """{"@odata.type":"#microsoft.graph.microsoftAuthenticatorAuthenticationMethod","id":"a1"}""";

    private static string Tap(string reason, bool usable, bool once) =>
        $$"""{"@odata.type":"#microsoft.graph.temporaryAccessPassAuthenticationMethod","id":"t1","startDateTime":"2026-09-01T08:00:00Z","lifetimeInMinutes":"""
            + $$"""60,"isUsable":{{(usable ? "true" : "false")}},"isUsableOnce":{{(once ? "true" : "false")}},"methodUsabilityReason":"{{reason}}"}""";

    [Fact]
    public void A_user_with_a_strong_method_is_complete_and_normalized_lists_every_type_but_the_password()
    {
        var (record, _) = Default.Judge(new StatusUser(2, "a@contoso.com"), Methods($"{Password},{Mobile},{Authenticator}"));

        Assert.Equal((Outcome.Complete, null, "microsoftAuthenticator;mobile"), (record.Outcome, record.Error, record.Normalized));
        Assert.Equal(MethodKind.None, record.Method);
        Assert.Contains("Also registered: mobile phone", record.Message, StringComparison.Ordinal);
        Assert.Null(record.Warning);
    }

    [Fact]
    public void A_user_with_only_a_phone_is_pending_unless_phones_are_configured_strong()
    {
        var (pending, _) = Default.Judge(new StatusUser(2, "a@contoso.com"), Methods($"{Password},{Mobile}"));
        var (phones, _) = new Onboarding(MethodTypes.Resolve(["mobile"], "--strong"))
            .Judge(new StatusUser(2, "a@contoso.com"), Methods($"{Password},{Mobile}"));

        Assert.Equal((Outcome.Pending, StatusErrors.NoStrongMethod), (pending.Outcome, pending.Error));
        Assert.Equal(Outcome.Complete, phones.Outcome);
    }

    [Fact]
    public void A_complete_user_who_still_holds_a_usable_pass_is_warned_to_delete_it()
    {
        var (record, _) = Default.Judge(new StatusUser(2, "a@contoso.com"), Methods($"{Authenticator},{Tap("EnabledByPolicy", true, false)}"));

        Assert.Contains("still holds a usable Temporary Access Pass", record.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t1", "OneTimeUsed", false, true, PassUse.Used)]
    [InlineData("t1", "EnabledByPolicy", true, true, PassUse.Unused)]
    [InlineData("t1", "EnabledByPolicy", true, false, PassUse.Usable)]
    [InlineData("t1", "Expired", false, true, PassUse.Expired)]
    [InlineData("t1", "NotYetValid", false, true, PassUse.NotYetValid)]
    [InlineData("t1", "DisabledByPolicy", false, true, PassUse.Disabled)]
    [InlineData("another", "EnabledByPolicy", true, true, PassUse.Replaced)]
    public void The_pass_a_run_issued_is_judged_by_its_id_and_Graphs_usability_reason(string issued, string reason, bool usable, bool once, string key)
    {
        var (_, passKey) = Default.Judge(new StatusUser(2, "a@contoso.com", PassIssued: true, IssuedPassId: issued),
            Methods($"{Password},{Tap(reason, usable, once)}"));

        Assert.Equal(key, passKey);
    }

    [Fact]
    public void A_pass_that_is_no_longer_there_is_gone_and_a_user_the_run_issued_none_gets_no_pass_verdict()
    {
        Assert.Equal(PassUse.Gone, Default.Judge(new StatusUser(2, "a@contoso.com", PassIssued: true, IssuedPassId: "t1"), Methods(Password)).PassKey);
        Assert.Null(Default.Judge(new StatusUser(2, "a@contoso.com"), Methods($"{Password},{Tap("OneTimeUsed", false, true)}")).PassKey);
    }

    [Theory]
    [InlineData("authenticatr", "is no authentication method type")]
    [InlineData("password", "every user has a password")]
    [InlineData("temporaryAccessPass", "how onboarding starts")]
    [InlineData(" , ", "names no method type")]
    public void A_strong_method_list_that_cannot_mean_onboarding_is_done_is_refused(string names, string says)
    {
        var e = Assert.Throws<UsageException>(() => MethodTypes.Resolve(names.Split(','), "--strong"));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strong_names_are_read_case_insensitively_with_passkey_for_fido2()
    {
        Assert.Equal(["fido2", "microsoftAuthenticator"], MethodTypes.Resolve(["Passkey", "MICROSOFTAUTHENTICATOR", "fido2"], "--strong"));
    }
}

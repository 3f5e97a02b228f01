using System.Text.Json;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Planning;

/// <summary>The methods policy's verdict on one write: configuration, user, groups and the method's use in, verdict out.</summary>
public class PolicyJudgeTests
{
    private const string User = "1d0774ad-6cbb-5536-b236-899c5b4ceebf";
    private const string Included = "23887186-84a9-5654-9500-3c99a13312b9";
    private const string Excluded = "396aaf39-fa97-5d42-859a-3e4ef8aa4bce";

    private static readonly PolicyUse Tap = new("TemporaryAccessPass", "the Temporary Access Pass");

    private static readonly PolicyUse SmsSignIn =
        new("Sms", "SMS sign-in", t => t.IsUsableForSignIn == true, "usable for sign-in") { ScopeError = ErrorCodes.SmsSignInNotAllowedByPolicy };

    private static MethodConfiguration Config(string json) => MethodConfiguration.Parse(JsonDocument.Parse(json).RootElement)!;

    private static MethodConfiguration TapConfig(string state = "enabled") => Config($$"""
        { "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration", "id": "TemporaryAccessPass", "state": "{{state}}",
          "defaultLifetimeInMinutes": 120, "minimumLifetimeInMinutes": 60, "maximumLifetimeInMinutes": 480, "isUsableOnce": false,
          "includeTargets": [ { "targetType": "group", "id": "{{Included}}", "isRegistrationRequired": false } ],
          "excludeTargets": [ { "targetType": "group", "id": "{{Excluded}}" } ] }
        """);

    private static HashSet<string> Groups(params string[] ids) => new(ids, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void A_disabled_configuration_refuses_every_user_without_reading_groups()
    {
        var config = TapConfig("disabled");

        var verdict = PolicyJudge.Judge(config, Tap, User, groups: null);

        Assert.Equal((true, ErrorCodes.MethodDisabledByPolicy), (verdict.Refused, verdict.Error));
        Assert.Contains("state disabled", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("(TemporaryAccessPass)", verdict.Message, StringComparison.Ordinal);
        Assert.Empty(PolicyJudge.GroupsToCheck(config, Tap));
    }

    [Fact]
    public void A_member_of_an_include_group_and_of_no_exclude_group_is_allowed()
    {
        Assert.Equal(PolicyVerdict.Allowed, PolicyJudge.Judge(TapConfig(), Tap, User, Groups(Included)));
    }

    [Fact]
    public void A_user_in_no_include_group_is_outside_the_scope_and_the_sentence_names_the_groups()
    {
        var verdict = PolicyJudge.Judge(TapConfig(), Tap, User, Groups());

        Assert.Equal((true, ErrorCodes.UserNotInPolicyScope), (verdict.Refused, verdict.Error));
        Assert.Contains($"group {Included}", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exclude_group_wins_over_an_include_group()
    {
        var verdict = PolicyJudge.Judge(TapConfig(), Tap, User, Groups(Included, Excluded));

        Assert.Equal((true, ErrorCodes.UserNotInPolicyScope), (verdict.Refused, verdict.Error));
        Assert.Contains($"exclude target group {Excluded}", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_targets_with_membership_unread_are_not_known_rather_than_guessed()
    {
        var verdict = PolicyJudge.Judge(TapConfig(), Tap, User, groups: null);

        Assert.Equal((false, false), (verdict.Refused, verdict.Known));
        Assert.Equal([Included, Excluded], PolicyJudge.GroupsToCheck(TapConfig(), Tap).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_users_with_no_exclusion_needs_no_group_read_and_allows_everyone()
    {
        var config = Config("""{ "id": "TemporaryAccessPass", "state": "enabled", "includeTargets": [ { "targetType": "group", "id": "all_users" } ] }""");

        Assert.Empty(PolicyJudge.GroupsToCheck(config, Tap));
        Assert.Equal(PolicyVerdict.Allowed, PolicyJudge.Judge(config, Tap, User, groups: null));
    }

    [Fact]
    public void An_empty_include_list_targets_nobody()
    {
        var config = Config("""{ "id": "TemporaryAccessPass", "state": "enabled", "includeTargets": [] }""");

        Assert.Equal(ErrorCodes.UserNotInPolicyScope, PolicyJudge.Judge(config, Tap, User, Groups()).Error);
    }

    [Fact]
    public void A_user_target_names_the_user_by_object_id()
    {
        var config = Config($$"""{ "id": "TemporaryAccessPass", "state": "enabled", "includeTargets": [ { "targetType": "user", "id": "{{User}}" } ] }""");

        Assert.Equal(PolicyVerdict.Allowed, PolicyJudge.Judge(config, Tap, User, groups: null));
        Assert.True(PolicyJudge.Judge(config, Tap, "someone-else", groups: null).Refused);
    }

    [Fact]
    public void Sms_sign_in_counts_only_include_targets_usable_for_sign_in_and_says_so_with_its_own_code()
    {
        var config = Config("""
            { "id": "Sms", "state": "enabled", "includeTargets": [
              { "targetType": "group", "id": "all_users", "isUsableForSignIn": false },
              { "targetType": "group", "id": "pilot", "isUsableForSignIn": true } ] }
            """);

        var outside = PolicyJudge.Judge(config, SmsSignIn, User, Groups());

        Assert.Equal((true, ErrorCodes.SmsSignInNotAllowedByPolicy), (outside.Refused, outside.Error));
        Assert.Contains("usable for sign-in", outside.Message, StringComparison.Ordinal);
        Assert.Equal(["pilot"], PolicyJudge.GroupsToCheck(config, SmsSignIn));
        Assert.Equal(PolicyVerdict.Allowed, PolicyJudge.Judge(config, SmsSignIn, User, Groups("pilot")));
    }

    [Fact]
    public void A_configuration_the_policy_does_not_have_predicts_nothing()
    {
        Assert.Equal(PolicyVerdict.Allowed, PolicyJudge.Judge(null, Tap, User, groups: null));
    }

    [Fact]
    public void The_configurations_own_settings_are_kept_for_the_methods_fit()
    {
        var config = TapConfig();

        Assert.Equal((60, 480, 120, false), (config.Int("minimumLifetimeInMinutes"), config.Int("maximumLifetimeInMinutes"),
            config.Int("defaultLifetimeInMinutes"), config.Bool("isUsableOnce")));
    }
}

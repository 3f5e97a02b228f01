using System.Text.Json.Nodes;
using BulkRegistrar.Audit;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The tenant's authentication methods policy, read by the pre-flight, end to end against the strict emulator seeded with
/// samples/directory-policies.json (TAP for the group "TAP users" minus "TAP excluded", 60–480 min, default 120; SMS sign-in for the
/// pilot group only): what the tenant would refuse is said by plan (exit 1) and never sent by apply.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class PolicyTests : IDisposable
{
    private const string TapRoute = "POST users/{id}/authentication/temporaryAccessPassMethods";
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public PolicyTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _fixture.RestoreSampleSeed();
        _fixture.Reset();
        _cli.Dispose();
    }

    private void Seed(Action<JsonObject>? change = null)
    {
        var seed = JsonNode.Parse(File.ReadAllText(Samples.PathOf("directory-policies.json")))!.AsObject();
        change?.Invoke(seed["policies"]!.AsObject());
        _fixture.Emulator.Reseed(DirectorySeed.Parse(seed.ToJsonString()));
        _fixture.Reset();
    }

    private long Requests(string route) =>
        _fixture.Emulator.GetStats().RequestsByRoute.TryGetValue(route, out var byStatus) ? byStatus.Values.Sum() : 0;

    [Fact]
    public async Task Tap_disabled_in_the_policy_makes_plan_exit_1_with_the_policys_reason_and_apply_send_no_pass()
    {
        Seed(p => p["temporaryAccessPass"]!["state"] = "disabled");
        var csv = _cli.WriteCsv("upn,IssueTap\nava.new@contoso.com,true\nben.new@contoso.com,true\ndan.nomanager@contoso.com,true\n"
            + "omar.haddad@contoso.com,true\nhugo.sms@contoso.com,true\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("plan", csv));
        var planned = _cli.Audit();
        Assert.Equal(5, planned.Count);
        Assert.All(planned, r => Assert.Equal(("WouldBeRefused", "MethodDisabledByPolicy"), (r.Outcome(), r.Error())));
        Assert.All(planned, r => Assert.Contains("Would be refused by policy: The Temporary Access Pass is disabled in the tenant's authentication "
            + "methods policy (TemporaryAccessPass): state disabled", r.GetProperty("message").GetString(), StringComparison.Ordinal));

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));
        Assert.All(_cli.Audit(), r => Assert.Equal(("Skipped", "MethodDisabledByPolicy"), (r.Outcome(), r.Error())));
        Assert.Equal(0, Requests(TapRoute));
        Assert.False(_fixture.Emulator.GetStats().WritesAppliedByRoute.ContainsKey(TapRoute));
        Assert.Equal(0, _fixture.Emulator.GetStats().RequestsByRoute.Keys.Count(k => k.Contains("checkMemberGroups", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Users_outside_the_tap_groups_are_refused_before_sending_and_a_user_inside_gets_the_policys_default()
    {
        Seed();
        var csv = _cli.WriteCsv("upn,IssueTap\nava.new@contoso.com,true\nben.new@contoso.com,true\nomar.haddad@contoso.com,true\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("plan", csv));
        var planned = _cli.Audit().ToDictionary(r => r.Line());
        Assert.Equal("WouldIssueTap", planned[2].Outcome());
        Assert.Contains("the policy's default, 120 minutes", planned[2].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("WouldBeRefused", "UserNotInPolicyScope"), (planned[3].Outcome(), planned[3].Error()));
        Assert.Contains("exclude target group 396aaf39-fa97-5d42-859a-3e4ef8aa4bce", planned[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("WouldBeRefused", "UserNotInPolicyScope"), (planned[4].Outcome(), planned[4].Error()));

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));
        var applied = _cli.Audit().ToDictionary(r => r.Line());
        Assert.Equal(("Created", "Skipped", "Skipped"), (applied[2].Outcome(), applied[3].Outcome(), applied[4].Outcome()));
        Assert.Equal(1, Requests(TapRoute)); // ava's only: ben and omar were never sent
        Assert.Equal(120, _fixture.Emulator.GetUserState("ava.new@contoso.com")!.TemporaryAccessPass!.LifetimeInMinutes);
    }

    [Fact]
    public async Task A_user_outside_the_sms_sign_in_group_gets_the_mobile_but_sms_sign_in_is_not_sent()
    {
        Seed();
        var csv = _cli.WriteCsv("upn,mobile,SmsSignIn\nomar.haddad@contoso.com,+1 425 555 0199,true\nhugo.sms@contoso.com,+44 7400 123987,true\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("plan", csv));
        var planned = _cli.Audit();
        var omar = planned.Single(r => r.Line() == 2 && r.Method() == "smsSignIn");
        Assert.Equal(("WouldBeRefused", "SmsSignInNotAllowedByPolicy"), (omar.Outcome(), omar.Error()));
        Assert.Contains("usable for sign-in", omar.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("WouldUpdate", planned.Single(r => r.Line() == 3 && r.Method() == "smsSignIn").Outcome());

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));
        var applied = _cli.Audit();
        Assert.Equal("Created", applied.Single(r => r.Line() == 2 && r.Method() == "mobile").Outcome());
        Assert.Equal(("Skipped", "SmsSignInNotAllowedByPolicy"),
            (applied.Single(r => r.Line() == 2 && r.Method() == "smsSignIn").Outcome(),
                applied.Single(r => r.Line() == 2 && r.Method() == "smsSignIn").Error()));
        Assert.Equal("notAllowedByPolicy", _fixture.Emulator.GetUserState("omar.haddad@contoso.com")!.PhoneMethods.Single().SmsSignInState);
        var omarPath = $"/users/{_fixture.Emulator.GetUserState("omar.haddad@contoso.com")!.Id}/";
        Assert.DoesNotContain(_fixture.Emulator.GetRequestLog(),
            e => e.Url.Contains(omarPath, StringComparison.OrdinalIgnoreCase) && e.Url.EndsWith("enableSmsSignIn", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(_fixture.Emulator.GetRequestLog(), e => e.Url.Contains("checkMemberGroups", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tap_lifetime_outside_the_tenants_bounds_is_refused_before_sending_and_clamped_with_the_flag()
    {
        Seed();
        var csv = _cli.WriteCsv("upn,IssueTap,TapLifetimeMinutes\nava.new@contoso.com,true,600\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("plan", csv));
        var planned = Assert.Single(_cli.Audit());
        Assert.Equal(("WouldBeRefused", "TapLifetimeOutsidePolicy"), (planned.Outcome(), planned.Error()));
        Assert.Contains("60 to 480 minutes", planned.GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));
        Assert.Equal(("Skipped", "TapLifetimeOutsidePolicy"), (Assert.Single(_cli.Audit()).Outcome(), Assert.Single(_cli.Audit()).Error()));
        Assert.Equal(0, Requests(TapRoute));

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", csv, "--clamp-tap-lifetime"));
        var clamped = Assert.Single(_cli.Audit());
        Assert.Equal("Created", clamped.Outcome());
        Assert.Contains("clamped to 480 (--clamp-tap-lifetime)", clamped.GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Equal(480, _fixture.Emulator.GetUserState("ava.new@contoso.com")!.TemporaryAccessPass!.LifetimeInMinutes);
    }

    [Fact]
    public async Task A_token_without_the_policy_permission_warns_and_goes_on_and_require_policy_stops_naming_it()
    {
        Seed(p => p["temporaryAccessPass"]!["state"] = "disabled");
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"]);
        var csv = _cli.WriteCsv("upn,IssueTap\nava.new@contoso.com,true\n");

        Assert.Equal(ExitCodes.Success, await _cli.Run("plan", csv));
        Assert.Equal("WouldIssueTap", Assert.Single(_cli.Audit()).Outcome());
        var warning = _cli.Summary().GetProperty("warnings")[0].GetString();
        Assert.Contains("lacks the application permission Policy.Read.AuthenticationMethod", warning, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.CannotProcess, await _cli.Run("plan", csv, "--require-policy"));
        Assert.Contains("Policy.Read.AuthenticationMethod", _cli.Summary().GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal("graphForbidden", _cli.Summary().GetProperty("abortCause").GetString());
    }
}

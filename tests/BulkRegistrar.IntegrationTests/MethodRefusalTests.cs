using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.IntegrationTests;

/// <summary>SMS sign-in refusals and read-back, and --verify, end to end against the strict emulator.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class MethodRefusalTests : IDisposable
{
    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;

    public MethodRefusalTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose() => _cli.Dispose();

    private System.Text.Json.JsonElement Sms() => _cli.Audit().Single(r => r.Method() == "smsSignIn");

    [Fact]
    public async Task An_enable_Graph_refuses_for_a_user_outside_the_policy_is_SmsSignInNotAllowedByPolicy()
    {
        // Outside SMS scope under strict, no mobile yet, and the app may not read the methods policy (as when the policy changed between
        // the pre-flight and the write): nothing predicts the refusal, so the enable is sent and Graph's refusal is the record.
        _fixture.Emulator.SetAppRoles(_fixture.Emulator.ClientId, ["UserAuthenticationMethod.ReadWrite.All", "User.Read.All"]);
        var csv = _cli.WriteCsv("upn,mobile,SmsSignIn\nlouis.durand@contoso.com,+33 612345678,true\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv));

        Assert.Equal("Created", _cli.Audit().Single(r => r.Method() == "mobile").Outcome());
        var sms = Sms();
        Assert.Equal(("Failed", "SmsSignInNotAllowedByPolicy"), (sms.Outcome(), sms.Error()));
        Assert.Equal(400, sms.GetProperty("httpStatus").GetInt32());
    }

    [Fact]
    public async Task An_enable_refused_because_another_user_signs_in_with_the_number_is_SmsSignInNumberNotUnique()
    {
        await _cli.Run("apply", _cli.WriteCsv("upn,mobile,SmsSignIn\nchloe.martin@contoso.com,+44 7400 998877,true\n"));
        Assert.Equal("Updated", Sms().Outcome()); // the enable (or the mobile create already made it ready)

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", _cli.WriteCsv("upn,mobile,SmsSignIn\nlucia.garcia@contoso.com,+44 7400 "
            + "998877,true\n")));

        var sms = Sms();
        Assert.Equal(("Failed", "SmsSignInNumberNotUnique"), (sms.Outcome(), sms.Error()));
        Assert.Equal(409, sms.GetProperty("httpStatus").GetInt32());
    }

    [Fact]
    public async Task An_enable_answered_204_whose_mobile_does_not_read_back_ready_is_SmsSignInNotReady_with_the_state()
    {
        const string user = "chloe.martin@contoso.com";
        await _cli.Run("apply", _cli.WriteCsv($"upn,mobile\n{user},+44 7400 112233\n"));
        await StrictEmulatorFixture.WaitOutReadLagAsync(); // each step plans from a read that must show the step before
        await _cli.Run("apply", _cli.WriteCsv($"upn,mobile,SmsSignIn\n{user},+44 7400 112233,false\n"));
        await StrictEmulatorFixture.WaitOutReadLagAsync();
        Assert.Equal("notEnabled", _fixture.Emulator.GetUserState(user)!.PhoneMethods.Single().SmsSignInState);
        _fixture.Emulator.ForgetNextWrites(user);

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", _cli.WriteCsv($"upn,mobile,SmsSignIn\n{user},+44 7400 112233,true\n")));

        var sms = Sms();
        Assert.Equal(("Failed", "SmsSignInNotReady"), (sms.Outcome(), sms.Error()));
        Assert.Contains("smsSignInState notEnabled", sms.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Verify_catches_a_write_Graph_answered_but_the_tenant_does_not_show_and_counts_the_rest()
    {
        _fixture.Emulator.ForgetNextWrites("jack.campbell@contoso.com");
        var csv = _cli.WriteCsv("upn,mobile,email\njack.campbell@contoso.com,+44 7400 445566,\nmiguel.souza@contoso.com,+55 11 91234 "
            + "5678,miguel@example.org\n");

        Assert.Equal(ExitCodes.RowsNeedAttention, await _cli.Run("apply", csv, "--verify"));

        var records = _cli.Audit();
        var lost = records.Single(r => r.Line() == 2);
        Assert.Equal(("Failed", "VerifyMismatch"), (lost.Outcome(), lost.Error()));
        Assert.Contains("no such phone method", lost.GetProperty("message").GetString());
        Assert.All(records.Where(r => r.Line() == 3), r => Assert.Equal("Created", r.Outcome()));
        var graph = _cli.Summary().GetProperty("graph");
        Assert.Equal(2, graph.GetProperty("verified").GetInt32());
        Assert.Equal(1, graph.GetProperty("verifyMismatches").GetInt32());
    }

    [Fact]
    public async Task Without_verify_the_same_silent_loss_is_reported_as_Graph_answered()
    {
        _fixture.Emulator.ForgetNextWrites("jack.campbell@contoso.com");

        Assert.Equal(ExitCodes.Success, await _cli.Run("apply", _cli.WriteCsv("upn,mobile\njack.campbell@contoso.com,+44 7400 445566\n")));

        Assert.Equal("Created", Assert.Single(_cli.Audit()).Outcome());
        Assert.Empty(_fixture.Emulator.GetUserState("jack.campbell@contoso.com")!.PhoneMethods);
    }
}

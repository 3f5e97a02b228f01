using System.Text.Json;
using BulkRegistrar.Methods.Tap;
using BulkRegistrar.Planning;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Methods;

/// <summary>A pass's settings under the tenant's Temporary Access Pass bounds: refused, clamped with the flag, or the policy's default named.</summary>
public class TapPolicyTests
{
    private static MethodConfiguration Config(bool usableOnce = false) => MethodConfiguration.Parse(JsonDocument.Parse($$"""
        { "id": "TemporaryAccessPass", "state": "enabled", "defaultLifetimeInMinutes": 120, "minimumLifetimeInMinutes": 60,
          "maximumLifetimeInMinutes": 480, "isUsableOnce": {{(usableOnce ? "true" : "false")}} }
        """).RootElement)!;

    private static PlannedOperation Issue(TapSpec spec) =>
        new(new DesiredMethod(MethodKind.TemporaryAccessPass, RowAction.Register, spec.Format(), 2, "true"), TapMethod.Issue, spec.Format());

    [Theory]
    [InlineData(30)]
    [InlineData(600)]
    public void A_lifetime_outside_the_bounds_is_refused_with_them(int minutes)
    {
        var fit = TapMethod.Instance.FitToPolicy(Issue(new TapSpec(null, minutes, null)), Config(), clamp: false)!;

        Assert.Equal(ErrorCodes.TapLifetimeOutsidePolicy, fit.Error);
        Assert.Contains("60 to 480 minutes", fit.Message, StringComparison.Ordinal);
        Assert.Contains($"asks for {minutes}", fit.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, 60)]
    [InlineData(600, 480)]
    public void With_the_clamp_flag_it_is_sent_at_the_nearest_bound_and_the_warning_says_so(int minutes, int sent)
    {
        var fit = TapMethod.Instance.FitToPolicy(Issue(new TapSpec(null, minutes, true)), Config(), clamp: true)!;

        Assert.False(fit.Refused);
        Assert.Equal(new TapSpec(null, sent, true), TapSpec.Parse(fit.Value));
        Assert.Contains($"clamped to {sent}", fit.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lifetime_inside_the_bounds_fits_as_planned()
    {
        Assert.Null(TapMethod.Instance.FitToPolicy(Issue(new TapSpec(null, 480, false)), Config(), clamp: false));
    }

    [Fact]
    public void A_multi_use_pass_is_refused_when_the_policy_makes_every_pass_one_time_even_with_the_clamp_flag()
    {
        var fit = TapMethod.Instance.FitToPolicy(Issue(new TapSpec(null, 120, false)), Config(usableOnce: true), clamp: true)!;

        Assert.Equal(ErrorCodes.TapMultiUseNotAllowedByPolicy, fit.Error);
    }

    [Fact]
    public void Without_a_lifetime_the_plan_names_the_policys_default()
    {
        var fit = TapMethod.Instance.FitToPolicy(Issue(new TapSpec(null, null, null)), Config(usableOnce: true), clamp: false)!;

        Assert.Equal((false, null), (fit.Refused, fit.Value));
        Assert.Contains("default, 120 minutes, one-time", fit.Note, StringComparison.Ordinal);
    }
}

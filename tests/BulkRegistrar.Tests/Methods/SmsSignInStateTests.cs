using BulkRegistrar.Methods.Phones;

namespace BulkRegistrar.Tests.Methods;

public sealed class SmsSignInStateTests
{
    [Theory]
    [InlineData("ready")]
    [InlineData("notSupported")]
    [InlineData("notAllowedByPolicy")]
    [InlineData("notEnabled")]
    [InlineData("phoneNumberNotUnique")]
    [InlineData("notConfigured")]
    [InlineData("unknownFutureValue")]
    public void Every_state_Graph_names_is_written_back_in_Graphs_spelling(string graph) =>
        Assert.Equal(graph, SmsSignInStates.Parse(graph)!.Value.ToGraph());

    [Fact]
    public void A_state_Graph_adds_later_reads_as_unknownFutureValue_and_never_as_ready()
    {
        Assert.Equal(SmsSignInState.UnknownFutureValue, SmsSignInStates.Parse("readyish"));
        Assert.Equal(SmsSignInState.UnknownFutureValue, SmsSignInStates.Parse("Ready"));
        Assert.Null(SmsSignInStates.Parse(null));
    }

    [Theory]
    [InlineData("notAllowedByPolicy", "notAllowedByPolicy")]
    [InlineData("PhoneNumberNotUnique", "phoneNumberNotUnique")]
    [InlineData("badRequest", null)]
    [InlineData(null, null)]
    public void A_refusal_names_a_state_only_when_its_code_is_that_states_name(string? code, string? state) =>
        Assert.Equal(state, SmsSignInStates.FromRefusalCode(code)?.ToGraph());
}

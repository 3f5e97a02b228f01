using Azure.Core;
using BulkRegistrar.Graph;

namespace BulkRegistrar.Tests.Graph;

/// <summary>The run's first token is asked for when the target is known; the pre-flight gets that very answer.</summary>
public sealed class EarlyTokenCredentialTests
{
    private const string Scope = "https://graph.microsoft.com/.default";

    private static GraphTarget Target(TokenCredential credential) =>
        new("tenant", "t", "https://graph.microsoft.com/v1.0", credential, ["graph.microsoft.com"], null);

    [Fact]
    public async Task The_token_is_asked_for_at_once_and_the_first_request_gets_that_answer_without_asking_again()
    {
        var inner = new Counting(_ => Task.FromResult(new AccessToken("t1", DateTimeOffset.MaxValue)));

        var target = EarlyTokenCredential.Start(Target(inner), CancellationToken.None);
        await inner.FirstAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var first = await target.Credential.GetTokenAsync(new TokenRequestContext([Scope]), CancellationToken.None);

        Assert.Equal("t1", first.Token);
        Assert.Equal(1, inner.Asked);
        await target.Credential.GetTokenAsync(new TokenRequestContext([Scope]), CancellationToken.None);
        Assert.Equal(2, inner.Asked); // later requests go to the credential itself (it caches)
    }

    [Fact]
    public async Task A_refused_early_sign_in_reaches_the_first_request_as_its_own_failure_and_is_not_retried_there()
    {
        var inner = new Counting(_ => Task.FromException<AccessToken>(new InvalidOperationException("AADSTS7000215: invalid client secret")));

        var target = EarlyTokenCredential.Start(Target(inner), CancellationToken.None);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            target.Credential.GetTokenAsync(new TokenRequestContext([Scope]), CancellationToken.None).AsTask());

        Assert.Contains("AADSTS7000215", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, inner.Asked);
    }

    [Fact]
    public async Task A_request_for_another_scope_is_not_answered_with_the_early_token()
    {
        var inner = new Counting(c => Task.FromResult(new AccessToken(c.Scopes[0], DateTimeOffset.MaxValue)));

        var target = EarlyTokenCredential.Start(Target(inner), CancellationToken.None);
        var other = await target.Credential.GetTokenAsync(new TokenRequestContext(["https://other/.default"]), CancellationToken.None);

        Assert.Equal("https://other/.default", other.Token);
        Assert.Equal(Scope, (await target.Credential.GetTokenAsync(new TokenRequestContext([Scope]), CancellationToken.None)).Token);
    }

    private sealed class Counting(Func<TokenRequestContext, Task<AccessToken>> answer) : TokenCredential
    {
        private int _asked;

        public int Asked => Volatile.Read(ref _asked);

        public TaskCompletionSource FirstAsked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _asked);
            FirstAsked.TrySetResult();
            return new(answer(requestContext));
        }
    }
}

using Azure.Core;

namespace BulkRegistrar.Graph;

/// <summary>
/// Asks for the run's first token the moment the target is known, on the thread pool, so the sign-in
/// (a round trip, and on a cold process the identity library's start-up) overlaps opening the run, reading
/// and validating the file and building the Graph client instead of waiting in front of the first write.
/// The first request for the target's scope — the pre-flight's — is answered by that early task, its
/// failure included, so a refused sign-in aborts exactly as before; every later request goes to the
/// credential itself (which caches the token).
/// </summary>
internal sealed class EarlyTokenCredential : TokenCredential
{
    private readonly TokenCredential _inner;
    private readonly string _scope;
    private Task<AccessToken>? _early;

    private EarlyTokenCredential(TokenCredential inner, string scope, CancellationToken ct)
    {
        (_inner, _scope) = (inner, scope);
        _early = Task.Run(() => inner.GetTokenAsync(new TokenRequestContext([scope]), ct).AsTask(), ct);
    }

    /// <summary>The same target, its first token already being asked for.</summary>
    public static GraphTarget Start(GraphTarget target, CancellationToken ct) =>
        target with { Credential = new EarlyTokenCredential(target.Credential, target.Scope, ct) };

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        TakeEarly(requestContext) is { } early ? early.WaitAsync(cancellationToken).GetAwaiter().GetResult()
            : _inner.GetToken(requestContext, cancellationToken);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        TakeEarly(requestContext) is { } early ? new(early.WaitAsync(cancellationToken)) : _inner.GetTokenAsync(requestContext, cancellationToken);

    /// <summary>The early task, once, to the first request it answers (same scope, no claims challenge).</summary>
    private Task<AccessToken>? TakeEarly(TokenRequestContext context) =>
        context.Claims is null && context.Scopes is [var only] && only == _scope ? Interlocked.Exchange(ref _early, null) : null;
}

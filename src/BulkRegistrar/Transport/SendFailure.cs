using BulkRegistrar.Audit;

namespace BulkRegistrar.Transport;

/// <summary>What kind of "no answer from Graph" a batch met; each kind is a different fact for the admin.</summary>
internal enum SendFailureKind
{
    /// <summary>The request may have left but no answer came back (dropped connection, timeout): it may have run.</summary>
    NoAnswer,

    /// <summary>No connection was made (DNS, refused, TLS, proxy): nothing was sent.</summary>
    CannotConnect,

    /// <summary>The token endpoint refused the app's credential (an AADSTS error): nothing was sent.</summary>
    CredentialRejected,

    /// <summary>No token for another reason (the token endpoint failed or answered something unreadable): nothing was sent.</summary>
    TokenUnavailable,
}

/// <summary>
/// A batch that got no Graph answer, and why: a transport or credential fact, never dressed up as a
/// Graph response. <see cref="Message"/> is one line for the admin, never a secret.
/// </summary>
internal sealed record SendFailure(SendFailureKind Kind, string Message)
{
    /// <summary>True when the batch certainly never reached Graph, so none of its writes ran.</summary>
    public bool NothingSent => Kind != SendFailureKind.NoAnswer;

    /// <summary>The run's stop for a failure that every further batch would meet too (<see cref="NothingSent"/>).</summary>
    public RunAbort ToAbort() => new(Kind switch
    {
        SendFailureKind.CannotConnect => AbortCause.CannotConnect,
        SendFailureKind.CredentialRejected => AbortCause.CredentialRejected,
        _ => AbortCause.TokenUnavailable,
    }, Message);
}

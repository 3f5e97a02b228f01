namespace BulkRegistrar.Audit;

/// <summary>Why a run stopped before its end: each is its own fact, and each is exit code 2.</summary>
internal enum AbortCause
{
    /// <summary>No connection to Graph or to the token endpoint (DNS, refused, TLS, proxy).</summary>
    CannotConnect,

    /// <summary>The token endpoint refused the app's credential (AADSTS…).</summary>
    CredentialRejected,

    /// <summary>The token endpoint failed or answered something unreadable.</summary>
    TokenUnavailable,

    /// <summary>Graph answered 401: it did not accept the access token.</summary>
    GraphUnauthorized,

    /// <summary>Graph answered 403: the app lacks a permission.</summary>
    GraphForbidden,

    /// <summary>The run folder's evidence (the write-ahead intents, the audit) could not be written: a full disk, a read-only
    /// or locked file. A write that cannot be recorded is not sent.</summary>
    EvidenceUnwritable,

    /// <summary>--require-policy: the authentication methods policy could not be read (no answer, an answer not understood).</summary>
    PolicyUnreadable,
}

/// <summary>
/// The cause and the one sentence the console, run.log, summary.json and the skipped records show. A fact of the
/// run's record (summary.json's <c>abortCause</c>), so it lives here, below the transport that meets most causes.
/// </summary>
internal sealed record RunAbort(AbortCause Cause, string Reason)
{
    /// <summary>The name summary.json uses (<c>abortCause</c>).</summary>
    public string Name => Cause switch
    {
        AbortCause.CannotConnect => "cannotConnect",
        AbortCause.CredentialRejected => "credentialRejected",
        AbortCause.TokenUnavailable => "tokenUnavailable",
        AbortCause.GraphUnauthorized => "graphUnauthorized",
        AbortCause.EvidenceUnwritable => "evidenceUnwritable",
        AbortCause.PolicyUnreadable => "policyUnreadable",
        _ => "graphForbidden",
    };
}

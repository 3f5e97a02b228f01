namespace BulkRegistrar.Dispatch;

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
}

/// <summary>The cause and the one sentence the console, run.log, summary.json and the skipped records show.</summary>
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
        _ => "graphForbidden",
    };

    public static RunAbort From(SendFailure failure) => new(failure.Kind switch
    {
        SendFailureKind.CannotConnect => AbortCause.CannotConnect,
        SendFailureKind.CredentialRejected => AbortCause.CredentialRejected,
        _ => AbortCause.TokenUnavailable,
    }, failure.Message);
}

/// <summary>The run was stopped: calls not yet sent are not sent.</summary>
internal sealed class RunAbortedException(RunAbort abort) : Exception(abort.Reason)
{
    public RunAbort Abort { get; } = abort;
}

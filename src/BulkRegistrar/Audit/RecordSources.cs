namespace BulkRegistrar.Audit;

// What AuditRecords, the one place records are built, takes from the stages above Audit. Each is declared here, as Audit
// needs it, and implemented there (docs/layering.md): Audit stays below the stages that decide, and still builds every record.

/// <summary>What a record is about: one method of one input line, as the file asked for it (Planning's <c>DesiredMethod</c>).</summary>
internal interface IRecordSubject
{
    int Line { get; }

    MethodKind Method { get; }

    /// <summary>The cell as the file wrote it (the audit's <c>input</c>).</summary>
    string? Input { get; }

    /// <summary>The validated value (the audit's <c>normalized</c>).</summary>
    string? Value { get; }

    string? Warning { get; }
}

/// <summary>Graph's answer to one call, as a record names it (Transport's <c>CallResult</c>).</summary>
internal interface ICallAnswer
{
    /// <summary>The HTTP status; 0 when no answer came.</summary>
    int Status { get; }

    /// <summary>Graph's <c>error.code</c>, when the answer is an error.</summary>
    string? ErrorCode { get; }

    string? RequestId { get; }

    /// <summary>The <c>client-request-id</c> we sent with the <c>$batch</c> that carried the call.</summary>
    string? ClientRequestId { get; }
}

/// <summary>A call as it ended: its last answer, how many attempts it took and how long (Transport's <c>ExecutedCall</c>).</summary>
internal interface ICallEvidence
{
    ICallAnswer Answer { get; }

    int Attempts { get; }

    TimeSpan Duration { get; }
}

/// <summary>How a planned write ended (Methods' <c>WriteResult</c>): the outcome and sentence its record gets, and the call.</summary>
internal interface IWriteResult
{
    Outcome Outcome { get; }

    string Message { get; }

    /// <summary>The audit's error category; null when it succeeded.</summary>
    string? Error { get; }

    /// <summary>Graph's error code, when the record names it.</summary>
    string? GraphError { get; }

    /// <summary>The write left and no clear answer came back: the last status seen is no answer to it, so the record has none.</summary>
    bool HideStatus { get; }

    /// <summary>The id the write's answer named (an issued pass), so status can later say what became of it.</summary>
    string? IssuedId { get; }

    ICallEvidence Evidence { get; }
}

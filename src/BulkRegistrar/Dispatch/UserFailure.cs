using BulkRegistrar.Audit;
using BulkRegistrar.Transport;

namespace BulkRegistrar.Dispatch;

/// <summary>
/// Why a user's work stopped before planning (the user is not there, a read failed): every method of the
/// user still without a record gets this outcome (<see cref="UserRecords.SettleRest(UserFailure)"/>).
/// </summary>
/// <param name="Call">The call that failed, so its status and Graph's request ids reach the records.</param>
internal sealed record UserFailure(Outcome Outcome, string Error, string Message, ExecutedCall? Call = null);

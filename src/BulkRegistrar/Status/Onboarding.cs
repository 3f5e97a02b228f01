using System.Globalization;
using BulkRegistrar.Audit;

namespace BulkRegistrar.Status;

/// <summary>
/// The verdict on one user: <c>Complete</c> when they have any of the strong method types, else <c>Pending</c>
/// (<see cref="StatusErrors.NoStrongMethod"/>). The record is the row's own (method <c>none</c>): <c>normalized</c> lists the
/// types the user has (<c>;</c>-separated, the password left out), <c>message</c> says it for people, and — for a run folder —
/// what became of the pass that run issued; a complete user who still holds a usable pass gets a <c>warning</c>.
/// </summary>
internal sealed class Onboarding(IReadOnlyList<string> strong)
{
    public IReadOnlyList<string> Strong => strong;

    public (AuditRecord Record, string? PassKey) Judge(StatusUser user, UserMethods methods)
    {
        var shown = methods.Types.Where(t => t.Type != MethodTypes.Password).ToList();
        var strongHeld = shown.Where(t => strong.Contains(t.Type)).ToList();
        var others = shown.Where(t => !strong.Contains(t.Type)).ToList();
        var complete = strongHeld.Count > 0;
        var message = complete
            ? $"Onboarding complete: {UserMethods.Describe(strongHeld)}.{(others.Count > 0 ? $" Also registered: {UserMethods.Describe(others)}." : "")}"
            : $"Onboarding pending: none of {string.Join(", ", strong.Select(MethodTypes.Words))} is registered yet; "
                + $"{(shown.Count > 0 ? $"the user has {UserMethods.Describe(shown)}" : "the user has no method but a password")}.";
        string? passKey = null;
        if (user.PassIssued)
        {
            var (key, sentence) = PassUse.Judge(user.IssuedPassId, methods.Pass);
            (passKey, message) = (key, message + " " + sentence);
        }

        var warning = complete && methods.Pass is { IsUsable: true } held
            ? string.Create(CultureInfo.InvariantCulture, $"Onboarding is complete, but the user still holds a usable Temporary Access Pass (until "
                + $"{held.End?.UtcDateTime:yyyy-MM-dd HH:mm} UTC): delete it if it is no longer needed.")
            : null;
        var record = AuditRecords.OfUser(user.Line, user.User, user.User, shown.Count == 0 ? null : string.Join(';', shown.Select(t => t.Type)),
            complete ? Outcome.Complete : Outcome.Pending, complete ? null : StatusErrors.NoStrongMethod, message, warning);
        return (record, passKey);
    }
}

/// <summary>The error categories of status records (the others are apply's: NotFound, GraphError, RunAborted, Cancelled…).</summary>
internal static class StatusErrors
{
    /// <summary>Pending: the user has none of the strong method types yet.</summary>
    public const string NoStrongMethod = nameof(NoStrongMethod);
}

using BulkRegistrar.Validation;

namespace BulkRegistrar.Report;

/// <summary>
/// What to do about each error category, in the words of the README's tables, for the report's
/// error section. A category not listed here falls back to the message of its first record.
/// </summary>
internal static class ErrorAdvice
{
    private static readonly Dictionary<string, string> Advice = new(StringComparer.Ordinal)
    {
        [ErrorCodes.MalformedRecord] = "The line could not be read faithfully (a stray or unterminated quote, too many fields). Fix the line in the "
            + "file and run it again.",
        [ErrorCodes.MissingUser] = "Fill in the user (UPN or object id) on these lines.",
        [ErrorCodes.InvalidUser] = "The user cell is not a UPN or object id, or holds something unsafe (a formula, spaces, / \\ ? % #). Correct it "
            + "in the file.",
        [ErrorCodes.InvalidAction] = "Use register/add, remove/delete or reregister in the Action column.",
        [ErrorCodes.InvalidPhoneType] = "Use mobile, alternateMobile or office as PhoneType, and give it whenever PhoneNumber is set.",
        [ErrorCodes.NothingToDo] = "These users have no phone, e-mail or SMS setting: add one, or drop the line.",
        [ErrorCodes.DuplicateUser] = "The same user is on several lines asking for different values: keep one line per user.",
        [ErrorCodes.DuplicateRow] = "Nothing to do: the same value was processed on an earlier line.",
        [ErrorCodes.MissingRegion] = "Write the number with +country code, add a Region column, or pass --region.",
        [ErrorCodes.InvalidRegion] = "Use an ISO country code (GB, US, DE…) or a calling code (44) in the Region column.",
        [ErrorCodes.ScientificNotation] = "A spreadsheet turned the number into 4.47E+11 and lost digits: format the column as text and export again.",
        [ErrorCodes.LettersInNumber] = "The phone cell has letters, like a placeholder (07400 XXXXXX): write the person's real number in digits; "
            + "letters are never turned into keypad digits.",
        [ErrorCodes.NotAPhoneNumber] = "The cell is not a phone number: correct it.",
        [ErrorCodes.InvalidNumber] = "Wrong length, unassigned range or unknown country code: check the number with the person.",
        [ErrorCodes.UnsupportedNumberType] = "Toll-free, premium, shared-cost, voicemail or pager numbers cannot receive codes: ask for a personal number.",
        [ErrorCodes.ExtensionNotAllowed] = "Only office phones take an extension: remove it, or move the number to the office column.",
        [ErrorCodes.MissingPhoneNumber] = "PhoneType is given but PhoneNumber is empty: fill it in or drop the line.",
        [ErrorCodes.ConflictingPhone] = "A phone column and the long form give different numbers for the same type: keep one.",
        [ErrorCodes.InvalidEmail] = "Give one plain e-mail address.",
        [ErrorCodes.InvalidSmsSignIn] = "Use true/false, yes/no, on/off, enable/disable or 1/0 for SMS sign-in.",
        [ErrorCodes.SmsNeedsMobile] = "SMS sign-in needs a mobile number on the same row: add one, or clear the SMS setting.",
        [ErrorCodes.NotFound] = "No such user in the tenant: check the spelling of the UPN, or create the user first.",
        [ErrorCodes.Conflict] = "A different value is already registered and was kept. Confirm which is right; rerun with --on-conflict update to replace it.",
        [ErrorCodes.GraphError] = "Graph refused or kept failing: see graphError, httpStatus and requestId in audit.csv. Rerunning the file retries "
            + "only what is not done.",
        [ErrorCodes.RunAborted] = "Not sent: Graph answered 401/403. Check the app's permissions and secret, then run the file again.",
        [ErrorCodes.Cancelled] = "Not sent because the run was cancelled: run the file again; finished rows come out Unchanged.",
        [ErrorCodes.GuardrailReached] = "Not sent: --max-changes was reached. Raise it and run again if the changes are expected.",
        [ErrorCodes.DependencyFailed] = "Not attempted because the mobile it needs failed: fix the mobile first.",
        [ErrorCodes.MobileNotRegistered] = "SMS sign-in left alone because the row's mobile is invalid or is not the registered one.",
        [Revert.RevertSource.NoPreviousValue] = "Not reverted: the apply run's audit does not say what the value was before. Set it by hand, or from "
            + "an export taken before the run.",
        [ErrorCodes.InvalidTap] = "Fix the IssueTap/TapStart/TapLifetimeMinutes/TapUsableOnce cells: a date as yyyy-MM-dd, a local time the clocks "
            + "neither skip nor repeat (or one with an offset), a lifetime of 10 to 43200 minutes, true/false.",
        [ErrorCodes.InvalidResetPassword] = "Write true or false in the ResetPassword column.",
        [ErrorCodes.SmsSignInNotAllowedByPolicy] = "The user is outside the tenant's SMS sign-in policy: add them to it (Authentication methods → "
            + "SMS), then run again.",
        [ErrorCodes.SmsSignInNumberNotUnique] = "Another user signs in by SMS with this number: check the number, or disable SMS sign-in for the other user.",
        [ErrorCodes.SmsSignInNotReady] = "SMS sign-in was enabled but the mobile does not show ready: check the policy and the number in Entra ID, "
            + "then run again.",
        [ErrorCodes.VerifyMismatch] = "Graph answered success but the tenant does not show the change: run the file again, and report the requestId "
            + "if it recurs.",
        [ErrorCodes.PasswordResetFailed] = "The reset operation ended failed (complexity, banned password, on-premises writeback): see the message, "
            + "then reset again.",
        [ErrorCodes.PasswordResetPending] = "The reset operation had no final status when polling stopped: check the user in Entra ID before resetting again.",
        [ErrorCodes.HandoffUnwritable] = "The hand-off file could not be written (a full disk, a read-only or missing folder), so no pass or "
            + "password was issued that nobody holds: fix it and run the file again.",
        [Status.StatusErrors.NoStrongMethod] = "The user has not registered a strong method yet: hand over their pass (or issue a new one with "
            + "apply --issue-tap) and check again later; Status:StrongMethods says what counts.",
        [ErrorCodes.MethodDisabledByPolicy] = "The tenant's authentication methods policy has this method disabled, so nothing was sent: enable it "
            + "(Entra ID → Protection → Authentication methods → Policies) or drop the column, then run again.",
        [ErrorCodes.UserNotInPolicyScope] = "The user is outside the method's policy (in none of its include groups, or in an exclude group), so "
            + "nothing was sent: add the user to an included group (or take them out of the excluded one), then run again.",
        [ErrorCodes.TapLifetimeOutsidePolicy] = "The pass's lifetime is outside the tenant's Temporary Access Pass bounds: change TapLifetimeMinutes "
            + "(or --tap-lifetime) to fit them, or run with --clamp-tap-lifetime to use the nearest bound.",
        [ErrorCodes.TapMultiUseNotAllowedByPolicy] = "The tenant's policy makes every pass one-time: set TapUsableOnce to true (or leave it empty), "
            + "or change the policy, then run again.",
        [ErrorCodes.UnexpectedResponse] = "Graph's answer could not be read: run the file again; if it persists, send run.log and the requestId to support.",
    };

    /// <summary>The advice for a category: these, else the one a method's description gives for a category of its own.</summary>
    public static string? For(string code) =>
        Advice.GetValueOrDefault(code) ?? Methods.AuthMethods.All.Select(m => m.Advice.GetValueOrDefault(code)).FirstOrDefault(a => a is not null);
}

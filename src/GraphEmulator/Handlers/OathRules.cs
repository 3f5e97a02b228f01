using System.Text.Json;
using GraphEmulator.Graph;
using GraphEmulator.State;

namespace GraphEmulator.Handlers;

/// <summary>
/// The hardware OATH rules assignment and activation share (docs/graph-behaviour.md §3.7): the methods policy lets
/// the user in, no guest, at most five OATH tokens (hardware and software) per user, one user per token, and the
/// activation code checked against the secret. Statuses and texts of the refusals are [emu].
/// </summary>
internal static class OathRules
{
    public const int MaxOathPerUser = 5;
    public const string AuthMethodType = "HardwareOath";

    /// <summary>Why this token cannot go to this user; null when it can. Caller holds the inventory's gate.</summary>
    /// <param name="pending">Tokens for the same user earlier in the same bulk request, not in the inventory yet.</param>
    public static GraphResponse? AssignError(CallContext c, UserRecord user, OathDevice device, int pending = 0)
    {
        if (!c.Directory.Policy.Allows(AuthenticationMethodsPolicy.HardwareOath, user))
        {
            return MethodRules.Refusal(c, AuthMethodType);
        }

        if (user.UserPrincipalName.Contains("#EXT#", StringComparison.OrdinalIgnoreCase))
        {
            return c.Bad("Hardware OATH tokens cannot be assigned to guest users in the resource tenant.");
        }

        if (device.AssignedToUserId is { } holder)
        {
            if (!string.Equals(holder, user.Id, StringComparison.OrdinalIgnoreCase))
            {
                c.Event("hardwareOathAssignConflict");
                return c.Bad($"The hardware OATH token '{device.SerialNumber}' is already assigned to another user.");
            }

            user.DuplicateCreateAttempts++;
            c.Services.Stats.CountDuplicateCreate();
            return c.Bad($"The hardware OATH token '{device.SerialNumber}' is already assigned to this user.");
        }

        int software;
        lock (user.Gate)
        {
            software = user.Methods.Of(MethodKinds.SoftwareOath).Count();
        }

        return c.Directory.Oath.AssignedTo(user.Id).Count() + software + pending >= MaxOathPerUser
            ? c.Bad($"The user already has the maximum of {MaxOathPerUser} OATH tokens (hardware and software).")
            : null;
    }

    /// <summary>Assigns (caller holds the inventory's gate and checked <see cref="AssignError"/>).</summary>
    public static void Assign(CallContext c, UserRecord user, OathDevice device, string? displayName)
    {
        device.AssignedToUserId = user.Id;
        device.AssignedAt = c.Scope.Now;
        device.Status = "assigned";
        device.DisplayName = displayName ?? device.DisplayName;
        c.Event("hardwareOathAssigned");
    }

    /// <summary>Checks the code on the emulator's uncompressed clock (<see cref="TotpCheck"/>); counts the outcome on the token.</summary>
    public static bool CodeMatches(CallContext c, OathDevice device, string? code)
    {
        if (TotpCheck.Verify(device, code, c.Scope.Now))
        {
            return true;
        }

        device.FailedActivations++;
        c.Event("hardwareOathActivationFailed");
        return false;
    }

    public static void Activate(CallContext c, OathDevice device, string? displayName)
    {
        device.Status = "activated";
        device.Activations++;
        device.DisplayName = displayName ?? device.DisplayName;
        c.Event("hardwareOathActivated");
    }

    public static GraphResponse WrongCode(CallContext c) => c.Bad("The verification code is not valid for this hardware OATH token.");

    public static string? DisplayName(JsonElement body) => CallContext.String(body, "displayName");
}

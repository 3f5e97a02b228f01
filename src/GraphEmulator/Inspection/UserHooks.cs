namespace GraphEmulator.Inspection;

/// <summary>Per-user test hooks behind /_emulator and <see cref="RunningEmulator"/> (not Graph behaviour).</summary>
internal static class UserHooks
{
    public static bool Forget(EmulatorServices s, string key, int count) => With(s, key, u => u.ForgetWrites = Math.Max(0, count));

    public static bool FailResets(EmulatorServices s, string key, int count) => With(s, key, u => u.FailResets = Math.Max(0, count));

    /// <summary>
    /// The user signs in with their pass: it is marked used, so a one-time pass then reads <c>OneTimeUsed</c> (for
    /// <c>status</c> tests). False when the user or the pass does not exist.
    /// </summary>
    public static bool MarkTapUsed(EmulatorServices s, string key)
    {
        var had = false;
        return With(s, key, u =>
        {
            had = u.Tap is not null;
            u.Tap = u.Tap is { } t ? t with { Used = true } : null;
        }) && had;
    }

    private static bool With(EmulatorServices s, string key, Action<State.UserRecord> set)
    {
        if (s.Directory.Find(key) is not { } user)
        {
            return false;
        }

        lock (user.Gate)
        {
            set(user);
        }

        return true;
    }
}

namespace GraphEmulator.Inspection;

/// <summary>Per-user test hooks behind /_emulator and <see cref="RunningEmulator"/> (not Graph behaviour).</summary>
internal static class UserHooks
{
    public static bool Forget(EmulatorServices s, string key, int count) => With(s, key, u => u.ForgetWrites = Math.Max(0, count));

    public static bool FailResets(EmulatorServices s, string key, int count) => With(s, key, u => u.FailResets = Math.Max(0, count));

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

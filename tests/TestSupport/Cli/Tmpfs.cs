namespace TestSupport;

/// <summary>
/// A small tmpfs mounted on a folder (we run as root on Linux; <c>mount -t tmpfs</c> works here): a real disk that
/// fills up, for the tests of what a run does when its evidence cannot be written. Unmounted on dispose.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string folder) => Folder = folder;

    public string Folder { get; }

    /// <param name="size">As mount's size option: <c>512k</c>, <c>8k</c>, <c>64m</c>.</param>
    public static Tmpfs Mount(string folder, string size)
    {
        Directory.CreateDirectory(folder);
        Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", folder);
        return new Tmpfs(folder);
    }

    /// <summary>Frees space (or takes it away) without touching the files: <c>mount -o remount,size=…</c>.</summary>
    public void Resize(string size) => Run("mount", "-o", $"remount,size={size}", Folder);

    public void Dispose() => Run("umount", "-l", Folder);

    private static void Run(string file, params string[] args) => Command.Run(file, args);
}

namespace TestSupport;

/// <summary>
/// A folder that really refuses writes: a small tmpfs, filled by the test, then remounted read-only. As root,
/// permission bits (chmod 0555) stop nothing, so they cannot stand in for a read-only folder.
/// </summary>
public sealed class ReadOnlyMount : IDisposable
{
    private ReadOnlyMount(string path) => Path = path;

    public string Path { get; }

    /// <param name="fill">Writes what the folder must hold before it turns read-only.</param>
    public static ReadOnlyMount Create(Action<string>? fill = null) => At(Directory.CreateTempSubdirectory("ro-").FullName, fill);

    /// <summary>Mounts over <paramref name="path"/> (created if missing), e.g. a subfolder the code under test writes into.</summary>
    public static ReadOnlyMount At(string path, Action<string>? fill = null)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", path);
        var mount = new ReadOnlyMount(path);
        fill?.Invoke(path);
        Run("mount", "-o", "remount,ro", path);
        return mount;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    /// <summary><c>chattr +i</c>: this one file cannot be written, renamed or deleted (its folder stays writable) until <c>chattr -i</c>.</summary>
    public static IDisposable Immutable(string file)
    {
        Run("chattr", "+i", file);
        return new Undo(() => Run("chattr", "-i", file));
    }

    private static void Run(string program, params string[] args) => Command.Run(program, args);

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}

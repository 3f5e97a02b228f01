namespace TestSupport;

/// <summary>The repository's samples/ folder, copied next to every test assembly by this project.</summary>
public static class Samples
{
    public static string PathOf(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>The emulator's seed directory (samples/directory.json).</summary>
    public static string Directory => PathOf("directory.json");
}

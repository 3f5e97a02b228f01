namespace TestSupport;

/// <summary>What the CLI printed, for sentence checks.</summary>
public static class ConsoleText
{
    /// <summary>The console wraps long sentences at its width (and a child process's output at the terminal's): compare without white space.</summary>
    public static string Flat(this string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);
}

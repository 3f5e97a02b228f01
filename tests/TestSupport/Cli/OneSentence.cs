namespace TestSupport;

/// <summary>What a user-facing failure must look like on the console: the sentence, and no sign of a crash.</summary>
public static class OneSentence
{
    /// <summary>The output says <paramref name="sentence"/> (line wrapping ignored), and neither "Unexpected error" (Program's catch-all) nor an
    /// exception type name.</summary>
    public static void In(string output, string sentence)
    {
        var text = output.ReplaceLineEndings("");
        Assert.True(text.Contains(sentence, StringComparison.Ordinal), output);
        Assert.DoesNotContain("Unexpected error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}

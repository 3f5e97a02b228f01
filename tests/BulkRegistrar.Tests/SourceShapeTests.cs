using System.Text.RegularExpressions;

namespace BulkRegistrar.Tests;

/// <summary>
/// The shape style.md asks of the code, held by a test so it stays true: small source files, lines a reader need not
/// scroll, and a method's kind named only where methods are described (issue 19: a new method is a folder in Methods/).
/// </summary>
public sealed partial class SourceShapeTests
{
    private const int MaxLines = 250;
    private const int MaxWidth = 160;

    /// <summary>Outside Methods/, the only files that may name a member of MethodKind: the row-level check and record.</summary>
    private static readonly string[] KindOutsideMethods = ["Validation/MethodCheck.cs", "Audit/AuditRecords.cs", "MethodKind.cs"];

    [Fact]
    public void No_source_file_of_the_tool_or_the_emulator_is_longer_than_250_lines()
    {
        var long_ = Files("src").Select(f => (File: f, Lines: File.ReadLines(f).Count())).Where(f => f.Lines > MaxLines)
            .Select(f => $"{Relative(f.File)}: {f.Lines} lines").ToList();

        Assert.True(long_.Count == 0, $"Source files over {MaxLines} lines (style.md: split by what each part does):\n" + string.Join('\n', long_));
    }

    [Fact]
    public void No_line_of_source_tests_or_benchmarks_is_wider_than_160_characters()
    {
        var wide = new[] { "src", "tests", "benchmarks" }.SelectMany(Files)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Number: i + 1, line.Length)))
            .Where(l => l.Length > MaxWidth).Select(l => $"{Relative(l.File)}:{l.Number}: {l.Length} characters").ToList();

        Assert.True(wide.Count == 0, $"Lines wider than {MaxWidth} characters:\n" + string.Join('\n', wide));
    }

    [Fact]
    public void A_method_kind_is_named_outside_Methods_only_by_the_row_level_check_and_record()
    {
        var tool = Path.Combine(Root, "src", "BulkRegistrar");
        var naming = Files(Path.Combine("src", "BulkRegistrar"))
            .Select(f => Path.GetRelativePath(tool, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("Methods/", StringComparison.Ordinal) && !KindOutsideMethods.Contains(f))
            .Where(f => KindMember().IsMatch(string.Join('\n', File.ReadLines(Path.Combine(tool, f)).Select(WithoutComment))))
            .ToList();

        Assert.True(naming.Count == 0, "Files outside Methods/ that switch on a method's kind (ask its description instead):\n"
            + string.Join('\n', naming));
    }

    private static string Root { get; } = FindRoot();

    private static IEnumerable<string> Files(string under) =>
        Directory.EnumerateFiles(Path.Combine(Root, under), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string Relative(string file) => Path.GetRelativePath(Root, file);

    private static string WithoutComment(string line)
    {
        var at = line.IndexOf("//", StringComparison.Ordinal);
        return at < 0 ? line : line[..at];
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BulkRegistrar.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("BulkRegistrar.sln not found above the test assembly");
    }

    [GeneratedRegex(@"\bMethodKind\.[A-Z]\w*")]
    private static partial Regex KindMember();
}

using System.Text.RegularExpressions;

namespace BulkRegistrar.Tests;

/// <summary>
/// The folders of src/BulkRegistrar are layers (docs/layering.md): a folder may use only the folders below it, so
/// no two use each other and a change below never needs a change above. "Uses" is what C# needs to name another
/// folder's type: a <c>using BulkRegistrar.X</c>, a qualified <c>BulkRegistrar.X.</c>, or a name qualified from the
/// root namespace (<c>Audit.EvidenceFailure</c>), crefs included.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>Top to bottom. A new folder gets its row here, below every folder that uses it and above every folder it uses.</summary>
    private static readonly string[] TopToBottom =
    [
        "Cli",        // the verbs, options, console and run folder: wires everything
        "Report",     // report.html and its timeline
        "Status",     // the status verb: onboarding verdicts from each user's methods
        "Revert",     // the revert verb
        "Dispatch",   // the per-user workflow: resolve, read, plan, write, verify
        "Export",     // the export verb: each exported method's cell, as its description reads it
        "Methods",    // one description per authentication method; the folders below see them through MethodRegistry
        "Handoff",    // the owner-only file of passes and passwords
        "State",      // the incremental-run store
        "Inbox",      // the nightly inbox folder
        "Resume",     // what a resumed run already settled
        "Transport",  // $batch, both retry layers, gate, pacer, concurrency: GraphTransport builds it
        "Graph",      // where and as whom: target, credentials, options, token grants, request shapes
        "Planning",   // desired state and the pure planner
        "Privacy",    // masking and the secrets never to log
        "Audit",      // records, writer, summary, write-ahead journal, RunAbort
        "Validation", // cells to verdicts
        "Reading",    // bytes to rows
    ];

    [Fact]
    public void Every_folder_of_the_tool_has_a_place_in_the_layers()
    {
        Assert.All(Folders(), folder => Assert.Contains(folder, TopToBottom));
    }

    [Fact]
    public void No_folder_uses_a_folder_above_it()
    {
        var upward = new List<string>();
        foreach (var folder in Folders())
        {
            var rank = Array.IndexOf(TopToBottom, folder);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories).Where(IsSource))
            {
                upward.AddRange(Uses(File.ReadAllText(file))
                    .Where(used => used != folder && TopToBottom.Contains(used) && Array.IndexOf(TopToBottom, used) < rank)
                    .Select(used => $"{Path.GetRelativePath(Source, file)} uses {used}, which is above {folder}"));
            }
        }

        if (upward.Count > 0)
        {
            Assert.Fail("A folder uses one above it (docs/layering.md):\n" + string.Join('\n', upward));
        }
    }

    /// <summary>
    /// The root namespace is below every folder, apart from the files that wire the tool: a root file that used a folder would
    /// let that folder reach any folder below it through the root (the registry of methods once did, via <c>MethodNames</c>).
    /// </summary>
    [Fact]
    public void The_root_namespace_uses_no_folder_except_where_the_tool_is_wired()
    {
        var upward = Directory.EnumerateFiles(Source, "*.cs", SearchOption.TopDirectoryOnly)
            .Where(file => !IsCompositionRoot(Path.GetFileName(file)))
            .SelectMany(file => Uses(File.ReadAllText(file)).Select(used => $"{Path.GetFileName(file)} uses {used}"))
            .ToList();

        Assert.True(upward.Count == 0, "A shared word of the root namespace uses a folder (docs/layering.md):\n" + string.Join('\n', upward));
    }

    [Theory]
    [InlineData("using BulkRegistrar.Dispatch;", "Dispatch")]
    [InlineData("using Options = BulkRegistrar.Dispatch.DispatchOptions;", "Dispatch")]
    [InlineData("var o = new BulkRegistrar.Dispatch.DispatchOptions();", "Dispatch")]
    [InlineData("catch (Exception e) when (Audit.EvidenceFailure.IsFileProblem(e))", "Audit")]
    [InlineData("/// <see cref=\"Dispatch.DispatchOptions\"/>", "Dispatch")]
    [InlineData("public bool IsValid => Methods.All(m => m.IsValid);", "")]
    [InlineData("var mode = settings.Dispatch.WriteFirst;", "")]
    [InlineData("// Dispatch.WriteFirst is read once", "")]
    [InlineData("var uri = new Uri(\"https://graph\"); Graph.TargetFactory.Check(uri); // Dispatch.X", "Graph")]
    public void The_scan_finds_every_way_csharp_names_another_folder_and_nothing_else(string code, string used)
    {
        Assert.Equal(used == "" ? [] : [used], Uses(code));
    }

    /// <summary>The root files that wire the folders together, and so use them: the pipeline every verb runs, and the entry point.</summary>
    private static readonly string[] CompositionRoots = ["ImportPipeline.cs", "Program.cs"];

    /// <summary>A wiring file, or one of its partial parts (<c>ImportPipeline.Validate.cs</c>): the same class, split by what each part does.</summary>
    private static bool IsCompositionRoot(string file) =>
        CompositionRoots.Any(root => file == root || file.StartsWith(Path.GetFileNameWithoutExtension(root) + ".", StringComparison.Ordinal));

    private static string Source { get; } = FindSource();

    /// <summary>(folder, name) for every type and sub-namespace the tool declares under a folder: what <c>Folder.Name</c> can mean.</summary>
    private static HashSet<(string Folder, string Name)> Declared { get; } = [.. typeof(ImportPipeline).Assembly.GetTypes()
        .Select(t => (Parts: t.Namespace?.Split('.') ?? [], Type: t.Name.Split('`')[0]))
        .Where(t => t.Parts is ["BulkRegistrar", _, ..])
        .Select(t => (t.Parts[1], t.Parts.Length > 2 ? t.Parts[2] : t.Type))];

    private static IEnumerable<string> Folders() =>
        Directory.EnumerateDirectories(Source).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj" or "Properties")).Order(StringComparer.Ordinal);

    private static bool IsSource(string path) =>
        !path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");

    /// <summary>The folders a file names, from its code and crefs (other comments say what they like).</summary>
    private static SortedSet<string> Uses(string text)
    {
        var code = string.Join('\n', text.Split('\n').Select(WithoutComment)) + "\n" + string.Join(' ', Cref().Matches(text).Select(m => m.Groups[1].Value));
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in Qualified().Matches(code))
        {
            if (TopToBottom.Contains(m.Groups[1].Value))
            {
                used.Add(m.Groups[1].Value);
            }
        }

        // "Audit.EvidenceFailure" names a folder; "Methods.All(…)" is a property called Methods.
        foreach (Match m in FromRoot().Matches(code))
        {
            if (Declared.Contains((m.Groups[1].Value, m.Groups[2].Value)))
            {
                used.Add(m.Groups[1].Value);
            }
        }

        return used;
    }

    /// <summary>The line up to a <c>//</c> that is not inside a string.</summary>
    private static string WithoutComment(string line)
    {
        for (var at = line.IndexOf("//", StringComparison.Ordinal); at >= 0; at = line.IndexOf("//", at + 2, StringComparison.Ordinal))
        {
            if (Quote().Count(line[..at]) % 2 == 0)
            {
                return line[..at];
            }
        }

        return line;
    }

    private static string FindSource()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BulkRegistrar.sln")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new DirectoryNotFoundException("BulkRegistrar.sln not found above the test assembly");
        return Path.Combine(root, "src", "BulkRegistrar");
    }

    [GeneratedRegex(@"\bBulkRegistrar\.([A-Z]\w*)")]
    private static partial Regex Qualified();

    /// <summary>A name qualified from the root namespace: <c>Audit.EvidenceFailure</c>, but not <c>settings.Dispatch.WriteFirst</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)")]
    private static partial Regex FromRoot();

    [GeneratedRegex("cref=\"([^\"]*)\"")]
    private static partial Regex Cref();

    /// <summary>A quote that opens or closes a string (not an escaped one inside it).</summary>
    [GeneratedRegex("(?<!\\\\)\"")]
    private static partial Regex Quote();
}

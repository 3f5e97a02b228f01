namespace BulkRegistrar.Handoff;

/// <summary>Which file a user's secret goes to: the one file, their manager's, or the secret's own encrypted one.</summary>
internal sealed partial class HandoffFile
{
    /// <summary>--handoff-by manager: the user's manager (null: none), read with the user; their secrets go to that manager's file.</summary>
    public void Route(string objectId, Graph.GraphJson.Manager? manager)
    {
        lock (_gate)
        {
            _managers[objectId] = manager;
        }
    }

    /// <summary>Where the user's secret of <paramref name="method"/> goes, as the messages name it (the file's name, or its path in the folder).</summary>
    public string NameFor(string objectId, string? upn, string method)
    {
        lock (_gate)
        {
            var target = Target(objectId, upn, method);
            return IsFolder ? System.IO.Path.Combine(System.IO.Path.GetFileName(Path), System.IO.Path.GetRelativePath(Path, target))
                : System.IO.Path.GetFileName(target);
        }
    }

    /// <summary>The file a secret of the user goes to. Called under <see cref="_gate"/>.</summary>
    private string Target(string objectId, string? upn, string method)
    {
        var manager = ByManager ? HandoffNames.Of(_managers.GetValueOrDefault(objectId)) : null;
        if (_sealed is not null)
        {
            var folder = manager is null ? Path : System.IO.Path.Combine(Path, manager);
            return System.IO.Path.Combine(folder, HandoffNames.Sealed(upn ?? objectId, method));
        }

        return manager is null ? Path : System.IO.Path.Combine(Path, manager + HandoffNames.PlainExtension);
    }

    private HandoffCsv Csv(string path)
    {
        if (!_files.TryGetValue(path, out var csv))
        {
            _files[path] = csv = new HandoffCsv(path);
        }

        return csv;
    }
}

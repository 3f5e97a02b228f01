using GraphEmulator.Seed;

namespace GraphEmulator.State;

/// <summary>A security group of the emulated tenant.</summary>
internal sealed record GroupRecord(string Id, string DisplayName);

/// <summary>
/// The tenant's groups and who is in them, built once with the directory (there are no group writes): direct
/// memberships of users and groups, and each user's transitive closure, which checkMemberGroups, getMemberGroups,
/// transitiveMemberOf and the methods policy's targets all read (docs/graph-behaviour.md §13).
/// </summary>
internal sealed class GroupDirectory
{
    private readonly Dictionary<string, GroupRecord> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GroupRecord> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _groupParents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _userGroups = new(StringComparer.OrdinalIgnoreCase);

    public GroupDirectory(IEnumerable<SeedGroup> seeded)
    {
        foreach (var g in seeded)
        {
            if (string.IsNullOrWhiteSpace(g.Id) || !_byId.TryAdd(g.Id, new GroupRecord(g.Id, g.DisplayName)))
            {
                throw new InvalidDataException($"Every seeded group needs a unique id ('{g.Id}', '{g.DisplayName}').");
            }

            _byName.TryAdd(g.DisplayName, _byId[g.Id]);
        }
    }

    public IEnumerable<GroupRecord> All => _byId.Values;

    public GroupRecord? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A group by id, else by display name; a name nobody seeded makes a group of that name with a stable id.</summary>
    public GroupRecord Resolve(string idOrName)
    {
        if (_byId.TryGetValue(idOrName, out var g) || _byName.TryGetValue(idOrName, out g))
        {
            return g;
        }

        g = new GroupRecord(StableId.For("group:" + idOrName), idOrName);
        _byId[g.Id] = g;
        _byName[idOrName] = g;
        return g;
    }

    public void AddUser(string groupId, string userId) => Set(_userGroups, userId).Add(groupId);

    public void AddGroup(string parentId, string childId) => Set(_groupParents, childId).Add(parentId);

    /// <summary>The groups the user is a direct member of.</summary>
    public IReadOnlySet<string> DirectOf(string userId) =>
        _userGroups.TryGetValue(userId, out var set) ? set : new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Direct groups and every group those are nested in, however deep (cycles are harmless).</summary>
    public IReadOnlySet<string> TransitiveOf(string userId)
    {
        var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>(DirectOf(userId));
        while (queue.TryDequeue(out var id))
        {
            if (!all.Add(id))
            {
                continue;
            }

            foreach (var parent in _groupParents.GetValueOrDefault(id) ?? [])
            {
                queue.Enqueue(parent);
            }
        }

        return all;
    }

    private static HashSet<string> Set(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        return set;
    }
}

using System.Text.Json;

namespace BulkRegistrar.Planning;

/// <summary>
/// The tenant's authentication methods policy as the pre-flight read it (docs/graph-behaviour.md §12): one
/// <see cref="MethodConfiguration"/> per configuration id (<c>TemporaryAccessPass</c>, <c>Sms</c>, a GUID per external
/// provider…), ids compared without regard to case as Graph does.
/// </summary>
internal sealed class MethodsPolicy(IEnumerable<MethodConfiguration> configurations)
{
    private readonly Dictionary<string, MethodConfiguration> _byId =
        configurations.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<MethodConfiguration> Configurations => _byId.Values;

    /// <summary>The configuration of this id, or null when the policy has none (nothing to predict from).</summary>
    public MethodConfiguration? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The policy with these configurations in place of those of the same id (a single configuration's own read wins).</summary>
    public MethodsPolicy With(IEnumerable<MethodConfiguration> read) => new(_byId.Values.Concat(read));
}

/// <summary>One method's configuration: its state, who it targets, and its own settings (TAP's lifetimes…), as Graph wrote them.</summary>
/// <param name="Settings">The configuration's other members (<c>defaultLifetimeInMinutes</c>, <c>isUsableOnce</c>…), keyed by Graph's name.</param>
internal sealed record MethodConfiguration(string Id, bool Enabled, IReadOnlyList<PolicyTarget> Include, IReadOnlyList<PolicyTarget> Exclude,
    IReadOnlyDictionary<string, JsonElement> Settings)
{
    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal) { "id", "state", "includeTargets", "excludeTargets", "@odata.type",
        "@odata.context" };

    /// <summary>A whole-number setting (<c>minimumLifetimeInMinutes</c>), or null when absent or not a number.</summary>
    public int? Int(string name) => Settings.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    /// <summary>A true/false setting (<c>isUsableOnce</c>), or null when absent.</summary>
    public bool? Bool(string name) => Settings.TryGetValue(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>
    /// An <c>authenticationMethodConfiguration</c> object as Graph answers it. A member missing or of another shape is left out
    /// (no target list: none), so an answer we cannot read fully predicts less, never more.
    /// </summary>
    /// <returns>Null when the object has no id.</returns>
    public static MethodConfiguration? Parse(JsonElement o)
    {
        if (o.ValueKind != JsonValueKind.Object || !o.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var state = o.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var settings = o.EnumerateObject().Where(p => !Structural.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return new MethodConfiguration(id.GetString()!, !string.Equals(state, "disabled", StringComparison.OrdinalIgnoreCase),
            Targets(o, "includeTargets"), Targets(o, "excludeTargets"), settings);
    }

    private static List<PolicyTarget> Targets(JsonElement o, string name) =>
        o.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(PolicyTarget.Parse).OfType<PolicyTarget>()]
            : [];
}

/// <summary>
/// An include or exclude target: <c>all_users</c>, a group id, or (<c>targetType</c> <c>user</c>) a user id. SMS's include
/// targets add <c>isUsableForSignIn</c> (SMS as a first factor).
/// </summary>
internal sealed record PolicyTarget(string Id, string TargetType, bool? IsUsableForSignIn = null)
{
    public const string AllUsers = "all_users";

    public bool IsAllUsers => string.Equals(Id, AllUsers, StringComparison.OrdinalIgnoreCase);

    public bool IsUser => string.Equals(TargetType, "user", StringComparison.OrdinalIgnoreCase);

    /// <summary>A group the user's membership decides (not all_users, not a user target).</summary>
    public bool IsGroup => !IsAllUsers && !IsUser;

    public static PolicyTarget? Parse(JsonElement t)
    {
        if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var type = t.TryGetProperty("targetType", out var tt) && tt.ValueKind == JsonValueKind.String ? tt.GetString()! : "group";
        bool? signIn = t.TryGetProperty("isUsableForSignIn", out var u) && u.ValueKind is JsonValueKind.True or JsonValueKind.False ? u.GetBoolean() : null;
        return new PolicyTarget(id.GetString()!, type, signIn);
    }
}

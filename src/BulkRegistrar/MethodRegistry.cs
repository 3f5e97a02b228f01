namespace BulkRegistrar;

/// <summary>What every folder may know of an authentication method: the key the audit identifies it by, and its name.</summary>
internal interface IMethod
{
    MethodKind Kind { get; }

    /// <summary>Graph's camelCase name (<c>alternateMobile</c>), which the audit's <c>method</c> field and messages use as it is.</summary>
    string Name { get; }
}

/// <summary>
/// The authentication methods as one folder below <c>Methods/</c> sees them. <typeparamref name="TFacet"/> is the interface that
/// folder declares of a method — Reading's <c>IMethodColumns</c>, Validation's <c>ICellRules</c>, Privacy's <c>IMaskedMethod</c>,
/// Planning's <c>IPlanRules</c> — and every description in <c>Methods/</c> implements them all. <c>Methods/AuthMethods</c>
/// registers its descriptions here, once per interface, in a module initializer: the runtime runs it before any other code of
/// this assembly (tests and benchmarks included), so a folder reads its view of the methods without naming <c>Methods/</c>,
/// which is above it (docs/layering.md). Read before that, it throws rather than answer "no method".
/// </summary>
internal static class MethodRegistry<TFacet>
    where TFacet : class, IMethod
{
    private static IReadOnlyList<TFacet>? _all;
    private static TFacet?[] _byKind = [];

    /// <summary>Every method, in registry order: the order a row's cells are judged and a user's records are listed.</summary>
    public static IReadOnlyList<TFacet> All => _all ?? throw NotRegistered();

    /// <summary>The method of this kind, or null for <see cref="MethodKind.None"/> (a row-level record's) and anything unregistered.</summary>
    public static TFacet? Find(MethodKind kind)
    {
        var byKind = _all is null ? throw NotRegistered() : _byKind;
        return (uint)kind < (uint)byKind.Length ? byKind[(int)kind] : null;
    }

    /// <summary>The method of this kind (not <see cref="MethodKind.None"/>).</summary>
    public static TFacet Of(MethodKind kind) =>
        Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "no method is described for this kind");

    /// <summary>Called once, by <c>Methods/AuthMethods</c>, before anything reads the methods.</summary>
    public static void Register(IReadOnlyList<TFacet> methods)
    {
        if (_all is not null)
        {
            throw new InvalidOperationException($"The methods are already registered as {typeof(TFacet).Name}.");
        }

        var byKind = new TFacet?[methods.Max(m => (int)m.Kind) + 1];
        foreach (var method in methods)
        {
            byKind[(int)method.Kind] = method;
        }

        _byKind = byKind;
        _all = methods;
    }

    private static InvalidOperationException NotRegistered() =>
        new($"The methods are not registered as {typeof(TFacet).Name} yet: Methods/AuthMethods registers them when the assembly loads, "
            + "so something read them during that registration.");
}

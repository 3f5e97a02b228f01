using BulkRegistrar.Methods;

namespace BulkRegistrar.Export;

/// <summary>
/// One user's current methods, as one line of the CSV apply reads: a cell per exported method (<see cref="Exported"/>), each as
/// its description writes it (<see cref="AuthMethod.Export"/>) — phones in Graph's canonical form whatever form the tenant
/// stored them in, SMS sign-in <c>true</c>/<c>false</c> or blank for "leave as is".
/// </summary>
internal sealed record ExportRow(string User, IReadOnlyList<string?> Cells)
{
    /// <summary>The methods export writes, in registry order: every one with an export column, but none Graph offers only in beta.</summary>
    public static IReadOnlyList<AuthMethod> Exported { get; } = [.. AuthMethods.All.Where(m => m.ExportColumn is not null && !m.Beta)];

    /// <summary>With <c>--beta</c>: the beta ones too (hardware OATH serials), after the others.</summary>
    public static IReadOnlyList<AuthMethod> WithBeta { get; } = [.. Exported, .. AuthMethods.All.Where(m => m.ExportColumn is not null && m.Beta)];

    /// <summary>The header apply recognises (README, "The CSV"); the order is fixed so two exports diff cleanly.</summary>
    public static IReadOnlyList<string> Header { get; } = HeaderOf(Exported);

    public static IReadOnlyList<AuthMethod> Of(bool beta) => beta ? WithBeta : Exported;

    public static IReadOnlyList<string> HeaderOf(IReadOnlyList<AuthMethod> methods) => ["UserPrincipalName", .. methods.Select(m => m.ExportColumn!)];

    public bool Equals(ExportRow? other) => other is not null && User == other.User && Cells.SequenceEqual(other.Cells);

    public override int GetHashCode() => HashCode.Combine(User, Cells.Count);
}

/// <summary>What reading one user gave: a row, or why there is none.</summary>
internal sealed record ExportResult(string Key, ExportRow? Row, string? Problem, bool NotFound = false);

namespace BulkRegistrar.Dispatch;

/// <summary>A user as Graph knows them.</summary>
/// <param name="Id">The key the user's method requests are addressed by: the object id from the lookup; a write-first guess for a plain
/// UPN (no <c>#EXT#</c>, no <c>$</c>, no pending region) skips the lookup and uses the UPN here, which Graph's method paths accept as well.</param>
/// <param name="UsageLocation">The region for the numbers the file wrote without a country code and without one (validation judges them with it).</param>
/// <param name="Manager">With --handoff-by manager only: the user's manager, read with the lookup (null: none).</param>
/// <param name="HireDate">The user's <c>employeeHireDate</c>, read with the lookup (null: none set).</param>
/// <param name="Waited">How long (tenant time) the lookup answered 404 before the user appeared (Dispatch:NewUserWindow); zero: found at once.</param>
internal sealed record ResolvedUser(string Id, string? UserPrincipalName, string? UsageLocation, Graph.GraphJson.Manager? Manager = null,
    DateTimeOffset? HireDate = null, TimeSpan Waited = default);

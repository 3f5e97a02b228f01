namespace BulkRegistrar.Reading;

/// <summary>
/// The columns a CSV column can feed. The named members are the row's own (the user, the long form of a phone, the region,
/// the action, the object id); every value from <see cref="ColumnAliases.MethodColumns"/>'s first on is a method's column, in registry
/// order (<see cref="ColumnAliases.FieldOf"/>), so the header machinery treats all of them alike.
/// </summary>
internal enum RowField
{
    User,
    Region,
    PhoneNumber,
    PhoneType,
    Action,

    /// <summary>An object id column beside the user principal name column: it addresses the user, the UPN names them.</summary>
    ObjectId,
}

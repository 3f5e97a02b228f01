using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// One row as each method's description judges its cells (<c>AuthMethod.Check</c>): the cells, what the row asks
/// (register or remove), the region for numbers written without a country code, the long form's phone, the whole-file
/// defaults — and what the methods judged before this one on the same row (SMS sign-in looks at the row's mobile).
/// </summary>
/// <param name="region">The row's Region cell, else --region, else configuration.</param>
/// <param name="longType">The method the long form's PhoneType names, or null.</param>
internal sealed class RowCells(RawRow row, RowAction action, string? region, MethodKind? longType, PhoneNormalizer phones, MethodDefaults defaults)
{
    private static readonly int Kinds = Enum.GetValues<MethodKind>().Length;
    private readonly MethodCheck?[] _checked = new MethodCheck?[Kinds];
    private int _landlines;

    public RawRow Row => row;

    public RowAction Action => action;

    public string? Region => region;

    public MethodKind? LongType => longType;

    /// <summary>The long form's number (PhoneNumber), for the method <see cref="LongType"/> names.</summary>
    public string? LongNumber => row.PhoneNumber;

    public PhoneNormalizer Phones => phones;

    public MethodDefaults Defaults => defaults;

    public string? this[MethodColumn column] => row[column];

    /// <summary>The verdict on the row's cell of a method judged before (registry order), or null when the row does not name it.</summary>
    public MethodCheck? Checked(MethodKind method) => _checked[(int)method];

    /// <summary>The row's number for this method is a usable landline (it cannot receive an SMS).</summary>
    public bool IsLandline(MethodKind method) => (_landlines & (1 << (int)method)) != 0;

    public void Judged(MethodKind method, MethodCheck? check) => _checked[(int)method] = check;

    public void Landline(MethodKind method) => _landlines |= 1 << (int)method;
}

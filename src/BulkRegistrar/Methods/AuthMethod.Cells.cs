using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods;

/// <summary>The cell side of a method: the columns it reads, the words it is named by, and its verdict on a row's cells.</summary>
internal abstract partial class AuthMethod
{
    /// <summary>The file's columns this method reads: their <c>Csv:Columns</c> keys and default headers (<see cref="ColumnAliases"/> lists them).</summary>
    public virtual IReadOnlyList<MethodColumn> Columns => [];

    /// <summary>
    /// The words the long form's PhoneType column names this method by (a phone's: "mobile", "cell", "work phone"…, matched
    /// ignoring case, spaces, '-' and '_'); empty when the long form cannot give it.
    /// </summary>
    public virtual IReadOnlyCollection<string> TypeWords => [];

    /// <summary>The method's verdict on its cells of one row, or null when the row does not name it.</summary>
    public abstract MethodCheck? Check(RowCells row);

    /// <summary>
    /// <see cref="Check"/>, except that a row naming the method with an export's placeholder in one of its cells
    /// (<c>System.String[]</c>, <c>@{…}</c>: <see cref="ExportArtefacts"/>) gets <c>ExportArtefact</c>, saying how to export the
    /// value: such a cell holds no value at all, whatever the method (and "@{" would pass for a formula).
    /// </summary>
    public MethodCheck? Judge(RowCells row)
    {
        if (Check(row) is not { } check)
        {
            return null;
        }

        foreach (var column in Columns)
        {
            if (ExportArtefacts.Describe(row[column], column.Key) is { } artefact)
            {
                return new MethodCheck(Kind, check.Input, null, ErrorCodes.ExportArtefact, artefact); // the input the method's record shows
            }
        }

        return check;
    }

    /// <summary>
    /// The method this one rides on (SMS sign-in on the mobile): a usable cell of this method is not acted on when the same
    /// row's cell of that method was refused, except for want of a region (the tenant may still supply one).
    /// </summary>
    public virtual MethodKind? RidesOn => null;

    /// <summary>The category and sentence of a cell not acted on because the one it rides on was refused.</summary>
    public virtual (string Error, string Message) RiderRefused => (ErrorCodes.DependencyFailed, "");
}

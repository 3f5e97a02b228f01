using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Methods;

/// <summary>The cell side of a method: the columns it reads, the words it is named by, and its verdict on a row's cells.</summary>
internal abstract partial class AuthMethod
{
    /// <summary>The file's columns this method reads: their <c>Csv:Columns</c> keys and default headers (Reading's <see cref="ColumnAliases"/> lists
    /// them).</summary>
    public virtual IReadOnlyList<MethodColumn> Columns => [];

    /// <summary>
    /// The words the long form's PhoneType column names this method by (a phone's: "mobile", "cell", "work phone"…, matched
    /// ignoring case, spaces, '-' and '_'); empty when the long form cannot give it.
    /// </summary>
    public virtual IReadOnlyCollection<string> TypeWords => [];

    /// <summary>
    /// The method's verdict on its cells of one row, or null when the row does not name it. An export's placeholder in any of
    /// its <see cref="Columns"/> (<c>System.String[]</c>) is <c>ExportArtefact</c> before this runs (validation's rule, not the method's).
    /// </summary>
    public abstract MethodCheck? Check(RowCells row);

    /// <summary>A phone whose number may have an extension (the office phone); on the others a fixed line is a landline worth a warning.</summary>
    public virtual bool TakesExtension => false;

    /// <summary>
    /// The method this one rides on (SMS sign-in on the mobile): a usable cell of this method is not acted on when the same
    /// row's cell of that method was refused, except for want of a region (the tenant may still supply one).
    /// </summary>
    public virtual MethodKind? RidesOn => null;

    /// <summary>The category and sentence of a cell not acted on because the one it rides on was refused.</summary>
    public virtual (string Error, string Message) RiderRefused => (ErrorCodes.DependencyFailed, "");

    /// <summary>Graph offers the method only in beta (hardware OATH): its columns need <c>--beta</c>.</summary>
    public virtual bool Beta => false;
}

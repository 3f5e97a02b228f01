using BulkRegistrar.Reading;

namespace BulkRegistrar.Validation;

/// <summary>
/// An authentication method as validation sees it: its verdict on a row's cells and the rules around that verdict. Each
/// description in <c>Methods/</c> is one; <see cref="RowValidator"/> asks them in registry order (<c>MethodRegistry</c>).
/// </summary>
internal interface ICellRules : IMethodColumns
{
    /// <summary>
    /// The words the long form's PhoneType column names this method by (a phone's: "mobile", "cell", "work phone"…, matched
    /// ignoring case, spaces, '-' and '_'); empty when the long form cannot give it.
    /// </summary>
    IReadOnlyCollection<string> TypeWords { get; }

    /// <summary>A phone whose number may have an extension (the office phone); on the others a fixed line is a landline worth a warning.</summary>
    bool TakesExtension { get; }

    /// <summary>
    /// The method this one rides on (SMS sign-in on the mobile): a usable cell of this method is not acted on when the same
    /// row's cell of that method was refused, except for want of a region (the tenant may still supply one).
    /// </summary>
    MethodKind? RidesOn { get; }

    /// <summary>The category and sentence of a cell not acted on because the one it rides on was refused.</summary>
    (string Error, string Message) RiderRefused { get; }

    /// <summary>The method's verdict on its cells of one row, or null when the row does not name it.</summary>
    MethodCheck? Check(RowCells row);

    /// <summary>Graph offers the method only in beta: a file with its columns is refused unless the run says <c>--beta</c>
    /// (<see cref="FileVerdict"/>).</summary>
    bool Beta { get; }
}

namespace BulkRegistrar.Reading;

/// <summary>
/// An authentication method as the reader sees it: the columns it reads from the file and how a sentence names it. Each
/// description in <c>Methods/</c> is one; <see cref="ColumnAliases"/> reads them from <c>MethodRegistry</c>, in registry order.
/// </summary>
internal interface IMethodColumns : IMethod
{
    /// <summary>How a message names the method: "the mobile phone".</summary>
    string Noun { get; }

    /// <summary>The file's columns this method reads: their <c>Csv:Columns</c> keys and default headers.</summary>
    IReadOnlyList<MethodColumn> Columns { get; }
}

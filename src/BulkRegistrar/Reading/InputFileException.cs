namespace BulkRegistrar.Reading;

/// <summary>
/// The input file (or the reading configuration) cannot be processed at all: missing or empty
/// file, no user column, ambiguous columns, undecodable bytes, unknown encoding. The message is
/// one sentence meant for the person running the tool; the CLI maps it to exit code 2.
/// </summary>
internal sealed class InputFileException : Exception
{
    public InputFileException(string message)
        : base(message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class CsvRowReaderFileErrorTests
{
    [Fact]
    public void Missing_file_is_a_file_level_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid(), "hires.csv");

        var error = Assert.Throws<InputFileException>(() => CsvRowReader.Open(path, new CsvOptions()));

        Assert.Equal($"The input file '{path}' does not exist.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  \r\n")]
    [InlineData("\uFEFF")]
    public void Zero_bytes_or_only_whitespace_is_an_empty_file(string text)
    {
        using var csv = TempCsv.Utf8(text);

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll());

        Assert.Equal($"The input file '{csv.Path}' is empty: it has no header row.", error.Message);
    }

    [Fact]
    public void Header_only_file_is_zero_rows_not_an_error()
    {
        using var csv = TempCsv.Utf8("upn,mobile\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Empty(rows);
    }

    [Fact]
    public void Missing_user_column_error_lists_the_accepted_aliases_and_the_headers_found()
    {
        using var csv = TempCsv.Utf8("Name,Mobile phone\nAnn,+33612345678\n");

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll());

        Assert.Equal(
            $"The file '{csv.Path}' has no user column: name one column UserPrincipalName, upn, User principal name, user, UserId, " +
            "Sign-in name, Username, Work email, ObjectId or Object Id (headers found: Name, Mobile phone).",
            error.Message);
    }

    [Fact]
    public void Two_columns_for_the_same_field_are_ambiguous()
    {
        using var csv = TempCsv.Utf8("upn,mobile,Department,Cell phone\nann@contoso.com,+33612345678,Sales,+33698765432\n");

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll());

        Assert.Equal(
            $"The file '{csv.Path}' has two columns for MobilePhone: 'mobile' (column 2) and 'Cell phone' (column 4); remove or rename one of them.",
            error.Message);
    }

    [Theory]
    [InlineData("klingon-8")]
    [InlineData("utf-7")] // known to .NET but refused by it (NotSupportedException, which was an "Unexpected error")
    public void Unknown_or_unsupported_encoding_name_is_a_file_level_error(string name)
    {
        using var csv = TempCsv.Utf8("upn\nann@contoso.com\n");

        var error = Assert.Throws<InputFileException>(() => csv.ReadAll(encoding: name));

        Assert.Equal(
            $"--encoding '{name}' is not an encoding this system knows; use a name such as utf-8, utf-16, windows-1252 or iso-8859-1.",
            error.Message);
    }

    [Fact]
    public void Folder_instead_of_a_file_is_a_file_level_error()
    {
        var folder = Directory.CreateTempSubdirectory("reading-").FullName;
        try
        {
            var error = Assert.Throws<InputFileException>(() => CsvRowReader.Open(folder, new CsvOptions()));

            Assert.Equal($"The input path '{folder}' is a folder, not a CSV file.", error.Message);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}

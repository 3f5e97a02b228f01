using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class ColumnMapTests
{
    [Fact]
    public void Entra_bulk_template_style_headers_map_to_their_fields()
    {
        using var csv = TempCsv.Utf8(
            "User principal name,Mobile phone,Alternate mobile phone,Office phone,Alternate email,Country code,SMS sign-in\n" +
            "ann@contoso.com,+33612345678,+33698765432,+33 1 23 45 67 89,ann@example.org,FR,true\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [TestRow.Of(2, "ann@contoso.com", "+33612345678", "+33698765432", "+33 1 23 45 67 89", "ann@example.org", "FR", "true")],
            rows);
        Assert.Empty(reader.UnknownHeaders);
    }

    [Fact]
    public void Entra_template_header_with_api_name_in_brackets_matches_on_the_api_name()
    {
        using var csv = TempCsv.Utf8("User name [userPrincipalName] Required,Mobile phone [mobilePhone]\nann@contoso.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "+33612345678")], rows);
    }

    [Fact]
    public void Workday_style_underscore_headers_map_and_the_rest_are_unknown()
    {
        using var csv = TempCsv.Utf8(
            "Employee_ID,Work_Email,Mobile_Phone,Work_Phone,Country_Code,Cost_Center\n" +
            "10042,ann@contoso.com,+44 7911 123456,+44 20 7946 0000,GB,CC-7\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "+44 7911 123456", Office: "+44 20 7946 0000", Region: "GB")], rows);
        Assert.Equal(["Employee_ID", "Cost_Center"], reader.UnknownHeaders);
    }

    [Theory]
    [InlineData("MOBILE_PHONE")]
    [InlineData("mobile-phone")]
    [InlineData(" Mobile.Phone ")]
    [InlineData("mobilephone")]
    [InlineData("Cell")]
    public void Header_case_spaces_and_punctuation_do_not_matter(string header)
    {
        using var csv = TempCsv.Utf8($"UPN,{header}\nann@contoso.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("+33612345678", rows[0][PhoneMethod.Mobile.Cell]);
    }

    [Fact]
    public void Long_form_phone_number_and_type_columns_are_read_one_phone_per_row()
    {
        using var csv = TempCsv.Utf8(
            "upn,PhoneNumber,PhoneType,Action\nann@contoso.com,+33612345678,mobile,add\nann@contoso.com,+33123456789,office,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(
            [
                TestRow.Of(2, "ann@contoso.com", PhoneNumber: "+33612345678", PhoneType: "mobile", Action: "add"),
                TestRow.Of(3, "ann@contoso.com", PhoneNumber: "+33123456789", PhoneType: "office"),
            ],
            rows);
    }

    [Fact]
    public void Unknown_columns_are_reported_once_each_and_blank_headers_are_ignored()
    {
        using var csv = TempCsv.Utf8("upn,Department,mobile,Manager,,\nann@contoso.com,Sales,+33612345678,bob,,\nbob@contoso.com,IT,,,,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(["Department", "Manager"], reader.UnknownHeaders);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Configured_alias_is_accepted_alongside_the_defaults()
    {
        var options = new CsvOptions();
        options.Columns["User"] = [.. options.Columns["User"], "Login name"];
        using var csv = TempCsv.Utf8("Login name,mobile\nann@contoso.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll(options);
        using var _ = reader;

        Assert.Equal("ann@contoso.com", rows[0].User);
    }
}

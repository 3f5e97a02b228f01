using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

/// <summary>Which column becomes which field when a name does not settle it (docs/input-formats.md).</summary>
public sealed class ColumnRulesTests
{
    [Fact]
    public void Usage_location_wins_over_a_country_which_is_read_only_where_it_is_empty()
    {
        using var csv = TempCsv.Utf8("upn,country,mobile,usageLocation\nann@contoso.com,France,0612345678,FR\nbob@contoso.com,Deutschland,0151 22334455,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(["FR", "Deutschland"], rows.Select(r => r.Region));
        Assert.Equal(
            "'usageLocation' is the region; 'country' is read only on rows where 'usageLocation' is empty: a usage location wins over a country.",
            Assert.Single(reader.Columns.Choices));
        Assert.Contains(reader.Columns.Uses, u => u is { Header: "country", Field: "Region", Note: not null });
    }

    [Fact]
    public void An_office_column_holding_places_is_not_the_office_phone()
    {
        using var csv = TempCsv.Utf8("User principal name,Office,Mobile Phone\nann@contoso.com,London,07400 123456\nbob@contoso.com,18/2111,07400 123457\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.All(rows, r => Assert.Null(r[PhoneMethod.Office.Cell]));
        Assert.Equal("'Office' holds values like 'London', not phone numbers: it is not used as OfficePhone.", Assert.Single(reader.Columns.Choices));
        Assert.DoesNotContain("Office", reader.UnknownHeaders); // set aside with its reason, not merely unknown
    }

    [Fact]
    public void An_office_column_holding_phone_numbers_is_the_office_phone()
    {
        using var csv = TempCsv.Utf8("upn,Office\nann@contoso.com,+44 20 7946 0018\nbob@contoso.com,\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("+44 20 7946 0018", rows[0][PhoneMethod.Office.Cell]);
        Assert.Empty(reader.Columns.Choices);
    }

    [Fact]
    public void Phone_number_without_a_type_column_beside_a_mobile_column_is_the_office_phone()
    {
        using var csv = TempCsv.Utf8("User principal name,Mobile Phone,Phone number\nann@contoso.com,07400 123456,020 7946 0018\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "07400 123456", Office: "020 7946 0018")], rows);
        Assert.StartsWith("'Phone number' is the office phone", Assert.Single(reader.Columns.Choices), StringComparison.Ordinal);
    }

    [Fact]
    public void Phone_number_without_a_type_column_or_a_mobile_column_is_not_used()
    {
        using var csv = TempCsv.Utf8("upn,Phone number\nann@contoso.com,020 7946 0018\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com")], rows);
        Assert.StartsWith("'Phone number' is not used: without a PhoneType column", Assert.Single(reader.Columns.Choices), StringComparison.Ordinal);
    }

    [Fact]
    public void Phone_number_beside_a_type_column_is_still_the_long_form()
    {
        using var csv = TempCsv.Utf8("upn,Mobile,Phone number,Phone type\nann@contoso.com,,020 7946 0018,office\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", PhoneNumber: "020 7946 0018", PhoneType: "office")], rows);
    }

    [Fact]
    public void An_object_id_beside_the_upn_addresses_the_user_and_alone_it_is_the_user_column()
    {
        const string Id = "72e63ac7-a953-4322-9f70-d5dc2e675fc7";
        using var both = TempCsv.Utf8($"userPrincipalName,objectId,mobile\nann@contoso.com,{Id},+33612345678\n,{Id},+33612345679\n");
        using var alone = TempCsv.Utf8($"Object Id,mobile\n{Id},+33612345678\n");
        var (reader, rows) = both.ReadAll();
        var (aloneReader, aloneRows) = alone.ReadAll();
        using var _ = reader;
        using var __ = aloneReader;

        Assert.Equal(TestRow.Of(2, "ann@contoso.com", "+33612345678", ObjectId: Id), rows[0]);
        Assert.Equal(TestRow.Of(3, Id, "+33612345679"), rows[1]); // no UPN on the row: the object id names the user too
        Assert.Contains("a row whose object id belongs to another user is Invalid (ObjectIdMismatch)", Assert.Single(reader.Columns.Choices),
            StringComparison.Ordinal);
        Assert.Equal([TestRow.Of(2, Id, "+33612345678")], aloneRows);
        Assert.Empty(aloneReader.Columns.Choices);
    }

    [Fact]
    public void Of_two_user_columns_the_one_holding_user_principal_names_is_the_user_column()
    {
        using var csv = TempCsv.Utf8("UserID,Work email,Mobile phone\nEMP3100,ann@contoso.com,07400 123456\nEMP3101,bob@contoso.com,07400 123457\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(["ann@contoso.com", "bob@contoso.com"], rows.Select(r => r.User));
        Assert.Equal(
            "'UserID' holds values like 'EMP3100', not user principal names or object ids: 'Work email' is the user column.",
            Assert.Single(reader.Columns.Choices));
    }

    [Fact]
    public void Of_two_user_columns_both_holding_names_the_one_named_for_the_upn_wins()
    {
        using var csv = TempCsv.Utf8("Work email,UserPrincipalName,mobile\nann@contoso.com,ann@contoso.onmicrosoft.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal("ann@contoso.onmicrosoft.com", Assert.Single(rows).User);
    }

    [Fact]
    public void A_bracketed_attribute_name_decides_the_column_whatever_the_words_before_it()
    {
        using var csv = TempCsv.Utf8(
            "User name [userPrincipalName] Required,Office [physicalDeliveryOfficeName],Office phone [telephoneNumber],Mobile phone [mobile]\n" +
            "ann@contoso.com,Paris,01 42 68 53 00,06 12 34 56 78\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "06 12 34 56 78", Office: "01 42 68 53 00")], rows);
        Assert.Equal(["Office [physicalDeliveryOfficeName]"], reader.UnknownHeaders);
    }

    [Fact]
    public void The_hardware_OATH_upload_is_read_as_it_is_by_the_token_columns_aliases()
    {
        using var csv = TempCsv.Utf8("upn,serial number,secret key,time "
            + "interval,manufacturer,model\nann@contoso.com,1234567,JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,30,Contoso,HardwareKey\n");
        using var reader = CsvRowReader.Open(csv.Path, new CsvOptions());

        Assert.Equal(["User", "OathSerial", "OathSecret", "OathTimeInterval", "OathManufacturer", "OathModel"], reader.Columns.Uses.Select(u => u.Field));
        Assert.True(KnownExports.IsHardwareOathUpload(["UPN", "Serial Number", "Secret Key"]));
        Assert.True(KnownExports.IsHardwareOathUpload(["upn", "serial number", "secret key", "mobile"]));
        Assert.False(KnownExports.IsHardwareOathUpload(["upn", "serial number", "mobile"]));
    }

    [Fact]
    public void Every_header_is_listed_with_what_it_became()
    {
        using var csv = TempCsv.Utf8("upn,Department,mobile,,\nann@contoso.com,Sales,+33612345678,,\n");
        var (reader, _) = csv.ReadAll();
        using var __ = reader;

        Assert.Equal(
            [new ColumnUse(1, "upn", "User"), new ColumnUse(2, "Department", null), new ColumnUse(3, "mobile", "MobilePhone")],
            reader.Columns.Uses);
    }

    [Fact]
    public void The_rows_after_the_sample_are_read_from_the_first_record_on_with_their_own_line_numbers()
    {
        var lines = Enumerable.Range(0, ColumnSample.MaxRecords + 50).Select(i => $"user{i}@contoso.com,+3361234{i:D4}");
        using var csv = TempCsv.Utf8("upn,Office\n" + string.Join("\n", lines) + "\n");
        var (reader, rows) = csv.ReadAll();
        using var _ = reader;

        Assert.Equal(ColumnSample.MaxRecords + 50, rows.Count);
        Assert.Equal(Enumerable.Range(2, rows.Count), rows.Select(r => r.Line));
        Assert.Equal("+33612340000", rows[0][PhoneMethod.Office.Cell]);
        Assert.Equal(ColumnSample.MaxRecords, reader.Columns.Sample.Records);
    }
}

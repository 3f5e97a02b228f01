using BulkRegistrar.Reading;
using Microsoft.Extensions.Configuration;

namespace BulkRegistrar.Tests.Reading;

public sealed class CsvOptionsTests
{
    [Theory]
    [InlineData("User", "UserPrincipalName")]
    [InlineData("User", "upn")]
    [InlineData("User", "User principal name")]
    [InlineData("User", "user")]
    [InlineData("User", "UserId")]
    [InlineData("ObjectId", "ObjectId")]
    [InlineData("ObjectId", "Object Id")]
    [InlineData("OfficePhone", "telephoneNumber")]
    [InlineData("Region", "usageLocation")]
    [InlineData("Region", "Country/Region")]
    [InlineData("MobilePhone", "MobilePhone")]
    [InlineData("MobilePhone", "mobile")]
    [InlineData("MobilePhone", "Mobile phone")]
    [InlineData("MobilePhone", "cell")]
    [InlineData("AlternateMobilePhone", "AlternateMobilePhone")]
    [InlineData("AlternateMobilePhone", "alternateMobile")]
    [InlineData("OfficePhone", "OfficePhone")]
    [InlineData("OfficePhone", "office")]
    [InlineData("OfficePhone", "Office phone")]
    [InlineData("OfficePhone", "businessPhone")]
    [InlineData("Email", "Email")]
    [InlineData("Region", "Region")]
    [InlineData("Region", "Country")]
    [InlineData("Region", "CountryCode")]
    [InlineData("SmsSignIn", "SmsSignIn")]
    [InlineData("PhoneNumber", "PhoneNumber")]
    [InlineData("PhoneType", "PhoneType")]
    [InlineData("Action", "Action")]
    public void Defaults_accept_the_aliases_the_issue_requires(string key, string alias)
    {
        Assert.Contains(alias, new CsvOptions().Columns[key]);
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(new CsvOptions().Validate());
    }

    [Fact]
    public void Unknown_column_key_and_unknown_encoding_are_reported()
    {
        var options = new CsvOptions { Encoding = "klingon-8" };
        options.Columns["Manager"] = ["Manager"];

        Assert.Equal(
            [
                "Csv:Columns:Manager is not a known column; use one of User, Region, PhoneNumber, PhoneType, Action, ObjectId, MobilePhone, "
                    + "AlternateMobilePhone, OfficePhone, Email, SmsSignIn, IssueTap, TapStart, TapLifetimeMinutes, TapUsableOnce, ResetPassword, "
                    + "ExternalMfaConfigurationId, ExternalMfaDisplayName, "
                    + "OathSerial, OathSecret, OathTimeInterval, OathManufacturer, OathModel, OathHashFunction, "
                    + "QrCodePin, QrCodeStart, QrCodeExpiry, QrPin.",
                "Csv:Encoding 'klingon-8' is not an encoding this system knows; use a name such as utf-8, utf-16, windows-1252 or iso-8859-1.",
            ],
            options.Validate());
    }

    [Fact]
    public void Alias_listed_under_two_columns_is_reported()
    {
        var options = new CsvOptions();
        options.Columns["OfficePhone"] = [.. options.Columns["OfficePhone"], "Mobile-Phone"];

        Assert.Equal(
            ["The alias 'Mobile-Phone' is listed under both Csv:Columns:MobilePhone and Csv:Columns:OfficePhone; keep it under one of them."],
            options.Validate());
    }

    [Fact]
    public void Binding_configuration_adds_aliases_to_the_defaults_and_keeps_the_rest()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Csv:Encoding"] = "windows-1252",
                ["Csv:MaxRecordSize"] = "4096",
                ["Csv:Columns:user:0"] = "Login name", // configuration keys are case-insensitive
            })
            .Build();
        var options = new CsvOptions();

        configuration.GetSection("Csv").Bind(options);

        Assert.Equal("windows-1252", options.Encoding);
        Assert.Equal(4096, options.MaxRecordSize);
        Assert.Contains("Login name", options.Columns["User"]);
        Assert.Contains("UserPrincipalName", options.Columns["User"]);
        Assert.Contains("cell", options.Columns["MobilePhone"]);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Assigned_columns_still_accept_the_defaults()
    {
        var options = new CsvOptions { Columns = new() { ["User"] = ["Login name"] } };
        using var csv = TempCsv.Utf8("upn,Mobile phone\nann@contoso.com,+33612345678\n");
        var (reader, rows) = csv.ReadAll(options);
        using var _ = reader;

        Assert.Equal([TestRow.Of(2, "ann@contoso.com", "+33612345678")], rows);
    }

    [Fact]
    public void Too_small_max_record_size_is_reported()
    {
        Assert.Equal(
            ["Csv:MaxRecordSize is 10; it must be at least 1024 bytes."],
            new CsvOptions { MaxRecordSize = 10 }.Validate());
    }
}

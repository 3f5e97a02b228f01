using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

/// <summary>Cells an export tool filled with a type name or an object: refused per cell, never read as a value.</summary>
public sealed class ExportArtefactTests
{
    private const string Ann = "ann@contoso.com";
    private readonly RowValidator _validator = new();

    [Theory]
    [InlineData("System.String[]")]
    [InlineData("System.Object[]")]
    [InlineData("System.Collections.Generic.List`1[System.String]")]
    [InlineData("@{BusinessPhones=+44 20 7946 0018}")]
    [InlineData("Microsoft.Graph.PowerShell.Models.MicrosoftGraphPhone")]
    public void A_phone_cell_holding_an_export_artefact_is_ExportArtefact_with_how_to_export_it(string cell)
    {
        var row = _validator.Validate(TestRow.Of(3, Ann, Mobile: "07400 123456", Office: cell, Region: "GB"), null);

        Assert.Equal("+44 7400123456", row.Methods[0].Normalized); // the row's other cells go on
        var office = row.Methods[1];
        Assert.Equal((MethodKind.Office, ErrorCodes.ExportArtefact, cell), (office.Method, office.Error, office.Input));
        Assert.Contains("OfficePhone cell holds", office.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_method_cell_holding_an_export_artefact_is_ExportArtefact_the_pass_and_password_switches_too()
    {
        var row = _validator.Validate(TestRow.Of(3, Ann, IssueTap: "true", TapLifetimeMinutes: "System.Object[]", ResetPassword: "@{Reset=True}"), null);

        Assert.Equal(
            [(MethodKind.TemporaryAccessPass, ErrorCodes.ExportArtefact), (MethodKind.Password, ErrorCodes.ExportArtefact)],
            row.Methods.Select(m => (m.Method, m.Error)));
        Assert.Contains("TapLifetimeMinutes cell holds 'System.Object[]'", row.Methods[0].Message, StringComparison.Ordinal);
        Assert.Equal(("true", "@{Reset=True}"), (row.Methods[0].Input, row.Methods[1].Input)); // each record shows its method's own cell
    }

    [Fact]
    public void A_row_that_does_not_name_a_method_gets_no_record_of_it_for_an_artefact_in_its_other_cells()
    {
        var row = _validator.Validate(TestRow.Of(3, Ann, Mobile: "+44 7400123456", TapStart: "System.String[]"), null);

        Assert.Equal([MethodKind.Mobile], row.Methods.Select(m => m.Method));
    }

    [Fact]
    public void A_list_artefact_says_to_join_the_values_with_join()
    {
        var row = _validator.Validate(TestRow.Of(3, Ann, Office: "System.String[]", Region: "GB"), null);

        Assert.Contains("-join", Assert.Single(row.Methods).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_or_object_id_cell_holding_an_artefact_is_a_row_level_ExportArtefact()
    {
        var user = _validator.Validate(TestRow.Of(3, "System.Object[]", Mobile: "+44 7400123456"), null);
        var objectId = _validator.Validate(TestRow.Of(3, Ann, Mobile: "+44 7400123456", ObjectId: "System.String[]"), null);

        Assert.Equal(ErrorCodes.ExportArtefact, user.RowError);
        Assert.Equal(ErrorCodes.ExportArtefact, objectId.RowError);
    }

    [Fact]
    public void An_e_mail_sms_or_region_cell_holding_an_artefact_is_ExportArtefact()
    {
        var row = _validator.Validate(TestRow.Of(3, Ann, Mobile: "07400 123456", Email: "System.String[]", Region: "@{Code=GB}", SmsSignIn: "System.Object[]"),
            null);

        Assert.All(row.Methods, m => Assert.Equal(ErrorCodes.ExportArtefact, m.Error));
        Assert.Equal([MethodKind.Mobile, MethodKind.Email, MethodKind.SmsSignIn], row.Methods.Select(m => m.Method));
    }

    [Theory]
    [InlineData("System administrator")]
    [InlineData("+44 20 7946 0018")]
    [InlineData("Microsoft")]
    [InlineData("@{")]
    public void Ordinary_cells_are_not_artefacts(string cell) => Assert.False(ExportArtefacts.Is(cell));

    [Fact]
    public void An_object_id_that_is_not_a_guid_is_InvalidUser_and_a_guid_travels_with_the_row()
    {
        const string Id = "72e63ac7-a953-4322-9f70-d5dc2e675fc7";
        var bad = _validator.Validate(TestRow.Of(3, Ann, Mobile: "+44 7400123456", ObjectId: "EMP3100"), null);
        var good = _validator.Validate(TestRow.Of(3, Ann, Mobile: "+44 7400123456", ObjectId: Id), null);

        Assert.Equal(ErrorCodes.InvalidUser, bad.RowError);
        Assert.Contains("is not an object id", bad.RowMessage, StringComparison.Ordinal);
        Assert.Equal(Id, good.ObjectId);
        Assert.True(good.IsValid);
    }
}

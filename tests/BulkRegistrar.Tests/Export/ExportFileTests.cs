using BulkRegistrar.Export;
using BulkRegistrar.Methods.Phones;
using BulkRegistrar.Methods.Sms;
using BulkRegistrar.Tests.Methods;

namespace BulkRegistrar.Tests.Export;

public sealed class ExportFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Cells_that_need_it_are_quoted_and_the_file_is_its_owners_only()
    {
        var path = Path.Combine(_folder, "x.csv");
        using (var file = ExportFile.Create(path))
        {
            file.Write(new ExportRow("o'neil@contoso.com", ["+44 7400123456", null, "+1 4255550199x204", "a,b\"c@example.org", "true", null, null]));
        }

        Assert.Equal(
            ["UserPrincipalName,MobilePhone,AlternateMobilePhone,OfficePhone,Email,SmsSignIn,ExternalMfaConfigurationId,QrCodePin", "o'neil@contoso.com,"
                + "+44 7400123456,,+1 4255550199x204,\"a,b\"\"c@example.org\",true,,"],
            File.ReadAllLines(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void An_existing_file_is_never_overwritten()
    {
        var path = Path.Combine(_folder, "backup.csv");
        File.WriteAllText(path, "someone's only backup");

        Assert.Throws<IOException>(() => ExportFile.Create(path));
        Assert.Equal("someone's only backup", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("ready", "true")]
    [InlineData("notEnabled", "false")]
    [InlineData("notAllowedByPolicy", null)]
    [InlineData("phoneNumberNotUnique", null)]
    [InlineData(null, null)]
    public void Sms_sign_in_is_exported_only_where_apply_can_set_it(string? state, string? word) =>
        Assert.Equal(word, SmsSignInMethod.Instance.Export(Tenant.Holding(new Dictionary<MethodKind, CurrentPhone>
        {
            [MethodKind.Mobile] = new("+44 7400123456", SmsSignInStates.Parse(state)),
        })));
}

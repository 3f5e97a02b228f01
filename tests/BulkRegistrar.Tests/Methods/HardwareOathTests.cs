using System.Text;
using BulkRegistrar.Audit;
using BulkRegistrar.Methods.HardwareOath;
using BulkRegistrar.Planning;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;
using OtpNet;

namespace BulkRegistrar.Tests.Methods;

/// <summary>Hardware OATH tokens (beta): the code from the secret key (RFC 6238), the cells, the whole-file --beta rule and the plan.</summary>
public sealed class HardwareOathTests
{
    private const string Secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static readonly MethodDefaults Beta = new(Beta: true);

    // RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the hash's length, 8 digits, 30 s steps.
    [Theory]
    [InlineData(59L, "94287082", "46119246")]
    [InlineData(1111111109L, "07081804", "68084774")]
    [InlineData(1111111111L, "14050471", "67062674")]
    [InlineData(1234567890L, "89005924", "91819424")]
    [InlineData(2000000000L, "69279037", "90698825")]
    [InlineData(20000000000L, "65353130", "77737706")]
    public void The_code_is_RFC_6238s_for_SHA_1_and_SHA_256(long unixSeconds, string sha1, string sha256)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(sha1, OathCode.At(Encoding.ASCII.GetBytes("12345678901234567890"), 30, OathSpec.Sha1, at, 8));
        Assert.Equal(sha256, OathCode.At(Encoding.ASCII.GetBytes("12345678901234567890123456789012"), 30, OathSpec.Sha256, at, 8));
        // Graph's tokens show 6 digits of the same value, from the key as base32 (the seed's RFC-6238 token).
        Assert.Equal(sha1[2..], OathCode.Current(Base32Encoding.ToString(Encoding.ASCII.GetBytes("12345678901234567890")), 30, OathSpec.Sha1, at));
    }

    [Fact]
    public void A_portal_row_is_the_serial_in_the_audit_and_the_key_only_in_the_secret()
    {
        var check = Oath(Row("HW-0042", "jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp", "60", "Contoso", "Token 1000", "SHA-256"), Beta);

        Assert.True(check.IsValid, check.Message);
        Assert.Equal("HW-0042", check.Input);
        Assert.Equal("HW-0042;60;hmacsha256;activate;Contoso;Token 1000", check.Normalized);
        Assert.Equal(Secret, check.Secret);
        Assert.DoesNotContain("JBSW", check.Normalized + check.Input + check.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_a_key_or_with_oath_no_activate_the_token_is_assigned_not_activated()
    {
        Assert.Equal("HW-1;30;hmacsha1;assign;Unknown;Unknown", Oath(Row("HW-1", null), Beta).Normalized);
        Assert.Equal("HW-1;30;hmacsha1;assign;Unknown;Unknown", Oath(Row("HW-1", Secret), Beta with { OathNoActivate = true }).Normalized);
    }

    [Theory]
    [InlineData("HW-1", "JBSWY3DPEHPK", "30", "not a base32 key of at least 80 bits")]
    [InlineData("HW-1", "0123456789abcdef0123", "30", "not a base32 key of at least 80 bits")]
    [InlineData("HW-1", Secret, "45", "The time interval of HW-1 is '45': Graph takes 30 or 60")]
    [InlineData(null, Secret, "30", "The row has a secret key but no serial number")]
    public void Cells_Graph_would_refuse_are_invalid_without_quoting_the_key(string? serial, string secret, string interval, string message)
    {
        var check = Oath(Row(serial, secret, interval), Beta);

        Assert.Equal(ErrorCodes.InvalidOathToken, check.Error);
        Assert.Contains(message, check.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, check.Message + check.Input, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Without_beta_a_row_is_refused_naming_the_flag()
    {
        var check = Oath(Row("HW-1", Secret), MethodDefaults.None);

        Assert.Equal((ErrorCodes.BetaRequired, "HW-1"), (check.Error, check.Input));
        Assert.Contains("--beta", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_portal_file_without_beta_is_one_sentence_naming_the_flag_and_no_key()
    {
        using var csv = TempCsv.Utf8($"upn,serial number,secret key,time interval,manufacturer,model\nann@contoso.com,HW-1,{Secret},30,Contoso,T\n");
        using var reader = CsvRowReader.Open(csv.Path, new CsvOptions());
        var refused = new FileVerdict(reader.Columns, "tokens.csv", MethodDefaults.None);
        var accepted = new FileVerdict(reader.Columns, "tokens.csv", Beta);
        _ = refused.Observe(reader.ReadRows()).ToList();

        Assert.Equal("The file 'tokens.csv' is a hardware OATH token upload (upn, serial number, secret key, time interval, manufacturer, model), which "
            + "Microsoft Graph offers only in beta, whose endpoints may change: run again with --beta to import it, and keep the file where only you can "
            + "read it (it holds secret keys).", refused.Problem());
        Assert.Null(accepted.Problem());
    }

    [Theory]
    [InlineData(null, "AssignOath")]
    [InlineData("assigned", "ActivateOath")]
    [InlineData("activated", null)]
    public void A_token_is_matched_by_serial_among_the_users_tokens(string? status, string? operation)
    {
        var want = new DesiredMethod(MethodKind.HardwareOath, RowAction.Register, "HW-7;30;hmacsha1;activate;Contoso;T", 2, "HW-7") { Secret = Secret };
        var current = status is null ? CurrentMethods.None
            : CurrentMethods.None.With(OathList.Instance, new List<OathToken> { new("d1", "hw-7", status, "u1", "Ann") });

        var plan = new Planner(ConflictPolicy.Skip, null).Plan(new DesiredState("ann@contoso.com", [want]), "u1", current);

        Assert.Equal(operation, plan.Operations.SingleOrDefault()?.Kind.Name);
        Assert.Equal(operation is null ? [Outcome.Unchanged] : [], plan.Settled.Select(r => r.Outcome));
    }

    private static RawRow Row(string? serial, string? secret, string? interval = null, string? manufacturer = null, string? model = null,
        string? hash = null) =>
        TestRow.Of(2, "ann@contoso.com")
            .With(HardwareOathMethod.SerialCell, serial).With(HardwareOathMethod.SecretCell, secret).With(HardwareOathMethod.IntervalCell, interval)
            .With(HardwareOathMethod.ManufacturerCell, manufacturer).With(HardwareOathMethod.ModelCell, model).With(HardwareOathMethod.HashCell, hash);

    private static MethodCheck Oath(RawRow row, MethodDefaults defaults) =>
        Assert.Single(new RowValidator(defaults).Validate(row, null).Methods, m => m.Method == MethodKind.HardwareOath);
}

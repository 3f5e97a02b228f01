using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;
using Spectre.Console.Testing;

namespace BulkRegistrar.IntegrationTests;

/// <summary>
/// The files admins already have (samples/exports/, each as Microsoft's tool writes it: docs/input-formats.md),
/// validated and planned against the emulator: the users are found, the national numbers normalised, the
/// preamble named, the columns chosen by evidence, artefacts refused per cell, and the files this tool cannot
/// use refused in one sentence.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class ExportFileTests : IDisposable
{
    private const string PriyaId = "72e63ac7-a953-4322-9f70-d5dc2e675fc7";
    private const string OlumideId = "f3b08f69-32ac-4b62-bd4f-a08455a5b465";

    private readonly StrictEmulatorFixture _fixture;
    private readonly CliApply _cli;
    private readonly CliRun _validate = new(prefix: "validate-exports-");

    public ExportFileTests(StrictEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
        _cli = new CliApply(fixture);
    }

    public void Dispose()
    {
        _cli.Dispose();
        _validate.Dispose();
    }

    public static TheoryData<string, string[]> Plans => new()
    {
        {
            "entra-download-users.csv",
            [
                "2 mobile +44 7400123457", "2 office +44 2079460321", "3 mobile +44 7911223345", "3 email olumide.personal@outlook.example",
                "4 mobile +33 612345678", "4 office +33 142685300", "5 mobile +49 15122334455", "5 office +49 891234567",
            ]
        },
        {
            "m365-active-users.csv",
            ["2 mobile +31 612345678", "2 office +31 201234567", "3 mobile +34 612345678", "3 office +34 911234567", "4 mobile +1 2065550142",
                "4 office +1 2065550198"]
        },
        {
            "m365-active-users-classic.csv",
            ["2 mobile +44 7400123457", "2 office +44 2079460321", "3 mobile +44 7911223345", "4 mobile +33 612345678", "4 office +33 142685300"]
        },
        {
            "entra-bulk-create.csv",
            ["3 mobile +49 16098765432", "3 office +49 897654321", "4 mobile +49 15122334455", "5 mobile +33 612345678", "5 office +33 142685300"]
        },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task An_export_is_planned_for_the_users_it_names_with_their_national_numbers_normalised(string sample, string[] expected)
    {
        Assert.Equal(ExitCodes.Success, await _validate.Validate(Samples.PathOf("exports/" + sample)));
        Assert.All(_validate.Audit(), r => Assert.Equal("Valid", r.Outcome()));
        var exit = await _cli.Run("plan", Samples.PathOf("exports/" + sample));

        Assert.True(exit == ExitCodes.Success, _cli.Console.Output);
        var records = _cli.Audit();
        Assert.All(records, r => Assert.Equal("WouldCreate", r.Outcome()));
        Assert.Equal(expected.Order(StringComparer.Ordinal), records.Select(Planned).Order(StringComparer.Ordinal));
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task The_Microsoft_365_export_takes_its_business_phone_and_usage_location_and_says_so_once()
    {
        await _cli.Run("plan", Samples.PathOf("exports/m365-active-users-classic.csv"));

        var columns = Input().GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("header").GetString()!);
        Assert.Equal("OfficePhone", Field(columns["Phone number"]));
        Assert.Null(Field(columns["Office"]));
        Assert.Contains("not phone numbers", columns["Office"].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("Region", Field(columns["Usage location"]));
        Assert.Equal("ObjectId", Field(columns["Object Id"]));
        foreach (var said in new[] { "'Office' holds values like 'London'", "'Usage location' is the region", "'Phone number' is the office phone",
            "'Object Id' addresses each user" })
        {
            Assert.Single(_cli.Console.Lines, l => l.Contains(said, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_bulk_template_s_version_line_is_named_and_a_country_name_stands_in_for_an_empty_usage_location()
    {
        await _cli.Run("plan", Samples.PathOf("exports/entra-bulk-create.csv"));

        var preamble = Assert.Single(Input().GetProperty("preamble").EnumerateArray());
        Assert.Equal((1, "entraTemplateVersion", "version:v1.0"),
            (preamble.GetProperty("line").GetInt32(), preamble.GetProperty("kind").GetString(), preamble.GetProperty("text").GetString()));
        Assert.Equal(3, _cli.Summary().GetProperty("rowsRead").GetInt32());
        Assert.Contains("Line 1 'version:v1.0' is the Entra bulk template's version line, not a row.", _cli.Console.Output, StringComparison.Ordinal);
        // Matthias's row has no usage location; "Deutschland" in Country or region gives the region (the tenant's would too).
        Assert.Contains(_cli.Audit(), r => r.Line() == 4 && r.GetProperty("normalized").GetString() == "+49 15122334455");
        // initial passwords never echoed
        Assert.DoesNotContain("Start-2026", File.ReadAllText(Path.Combine(_cli.RunFolder, "run.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerShell_5_1_s_type_line_is_named_and_its_System_String_array_cells_are_refused_one_by_one()
    {
        var exit = await _cli.Run("plan", Samples.PathOf("exports/powershell51-get-mguser.csv"));

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        Assert.Equal("powerShellType", Assert.Single(Input().GetProperty("preamble").EnumerateArray()).GetProperty("kind").GetString());
        var records = _cli.Audit();
        Assert.Equal([3, 4, 5], records.Where(r => r.Method() == "office").Select(r => r.Line()).Order());
        Assert.All(records.Where(r => r.Method() == "office"), r =>
        {
            Assert.Equal(("Invalid", "ExportArtefact"), (r.Outcome(), r.Error()));
            Assert.Contains("-join", r.GetProperty("message").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(["3 mobile +44 7400123457", "4 mobile +31 612345678", "5 mobile +34 "
            + "612345678"], records.Where(r => r.Method() == "mobile").Select(Planned).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_row_whose_object_id_belongs_to_another_user_is_ObjectIdMismatch_and_nothing_is_written_for_it()
    {
        var csv = _cli.WriteCsv(
            "userPrincipalName,objectId,mobile,usageLocation\n" +
            $"priya.nair@contoso.com,{OlumideId},07400 123457,GB\n" +
            $"olumide.adeyemi@contoso.com,{OlumideId},07911 223345,GB\n");

        var exit = await _cli.Run("apply", csv);

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        var records = _cli.Audit().OrderBy(r => r.Line()).ToList();
        Assert.Equal(("Invalid", "ObjectIdMismatch"), (records[0].Outcome(), records[0].Error()));
        Assert.Contains($"belongs to olumide.adeyemi@contoso.com, not to priya.nair@contoso.com", records[0].GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.True(records[1].IsCreatedOrUnclaimed());
        Assert.Empty(_fixture.Emulator.GetUserState("priya.nair@contoso.com")!.PhoneMethods);
        Assert.Equal(1, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task The_user_is_addressed_by_the_object_id_when_the_row_gives_one()
    {
        var csv = _cli.WriteCsv($"User principal name,Object Id,Mobile Phone,Usage location\nPriya.Nair@contoso.com,{PriyaId},07400 123457,GB\n");

        var exit = await _cli.Run("apply", csv);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("+44 7400123457", Assert.Single(_fixture.Emulator.GetUserState("priya.nair@contoso.com")!.PhoneMethods).PhoneNumber);
    }

    [Theory]
    [InlineData("hardware-oath-upload.csv", "is a hardware OATH token upload")]
    [InlineData("hr-worker-ids.csv", "its user column 'UserID' holds values like 'EMP3100'")]
    public async Task A_file_this_tool_cannot_use_is_one_sentence_and_exit_code_2_before_any_row(string sample, string sentence)
    {
        var exit = await _cli.Run("plan", Samples.PathOf("exports/" + sample));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        OneSentence.In(_cli.Console.Output, sentence);
        Assert.Empty(_cli.Audit());
        var summary = _cli.Summary();
        Assert.Contains(sentence, summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        var unread = Assert.Single(Input().GetProperty("unreadLines").EnumerateArray());
        Assert.Equal(2, unread.GetProperty("from").GetInt32()); // the header was read (the OATH upload is refused for want of --beta); no row was
        Assert.Equal(0, _fixture.Emulator.GetStats().WritesApplied);
    }

    [Fact]
    public async Task The_OATH_upload_s_secret_keys_are_in_no_output_of_the_run()
    {
        Assert.Equal(ExitCodes.CannotProcess, await _validate.Validate(Samples.PathOf("exports/hardware-oath-upload.csv")));

        Assert.NotEmpty(Directory.GetFiles(_validate.RunFolder));
        foreach (var file in Directory.GetFiles(_validate.RunFolder))
        {
            Assert.DoesNotContain("GEZDGNBV", File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("GEZDGNBV", _validate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbox_moves_the_OATH_upload_and_the_worker_id_extract_to_failed_not_processed()
    {
        var inbox = Directory.CreateTempSubdirectory("inbox-exports-").FullName;
        try
        {
            foreach (var sample in new[] { "hardware-oath-upload.csv", "hr-worker-ids.csv" })
            {
                var dropped = Path.Combine(inbox, sample);
                File.Copy(Samples.PathOf("exports/" + sample), dropped);
                File.SetLastWriteTimeUtc(dropped, DateTime.UtcNow.AddMinutes(-10));
            }

            var config = Path.Combine(inbox, "..", Path.GetFileName(inbox) + ".json");
            File.WriteAllText(config, """{ "Inbox": { "SettleTime": "00:01:00" } }""");
            var exit = await CliApp.RunAsync(["inbox", inbox, "--emulator-url", _fixture.Emulator.BaseUrl.ToString(), "--config", config],
                new TestConsole().Width(250), TimeProvider.System, CancellationToken.None);

            Assert.Equal(ExitCodes.CannotProcess, exit);
            Assert.True(File.Exists(Path.Combine(inbox, "failed", "hardware-oath-upload.csv")));
            Assert.True(File.Exists(Path.Combine(inbox, "failed", "hr-worker-ids.csv")));
            Assert.False(Directory.Exists(Path.Combine(inbox, "processed")));
            File.Delete(config);
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }

    private JsonElement Input() => _cli.Summary().GetProperty("input");

    private static string? Field(JsonElement column) => column.TryGetProperty("field", out var f) ? f.GetString() : null;

    private static string Planned(JsonElement r) => $"{r.Line()} {r.Method()} {r.GetProperty("normalized").GetString()}";
}

using BulkRegistrar.Audit;
using BulkRegistrar.Reading;
using BulkRegistrar.Tests.Reading;
using BulkRegistrar.Validation;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests;

public sealed class ImportPipelineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pipeline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(ImportPipeline Pipeline, List<AuditRecord> Records)> ValidateAsync(string csv)
    {
        using var file = TempCsv.Utf8(csv);
        using var index = CsvRowReader.Open(file.Path, new CsvOptions());
        using var main = CsvRowReader.Open(file.Path, new CsvOptions());
        var pipeline = new ImportPipeline(PipelineSettings.ValidateOnly(region: null, MethodDefaults.None), new FakeTimeProvider(), Serilog.Core.Logger.None);
        var records = new List<AuditRecord>();
        using (var audit = AuditWriter.Open(_folder, new FakeTimeProvider()))
        {
            await pipeline.ValidateAsync(index, main, audit, records.Add, CancellationToken.None);
        }

        return (pipeline, records);
    }

    [Fact]
    public async Task A_validate_only_run_records_every_cell_as_validation_judged_it_and_goes_no_further()
    {
        var (pipeline, records) = await ValidateAsync("""
            UserPrincipalName,MobilePhone,OfficePhone,SmsSignIn
            ada@contoso.com,+44 12,,true
            bob@contoso.com,,425 555 0100,
            bob@contoso.com,,425 555 0100,

            """);

        // Planning's rules do not run: the SMS cell of a row with a refused mobile stays Valid (plan would skip it),
        // and a number without a region is Invalid here (plan would wait for the user's usageLocation).
        Assert.Equal(
            [(2, MethodKind.Mobile, Outcome.Invalid, ErrorCodes.InvalidNumber), (2, MethodKind.SmsSignIn, Outcome.Valid, null),
             (3, MethodKind.Office, Outcome.Invalid, ErrorCodes.MissingRegion), (4, MethodKind.Office, Outcome.Skipped, ErrorCodes.DuplicateRow)],
            records.Select(r => (r.Line, r.Method, r.Outcome, r.Error)));
        Assert.Equal(3, pipeline.Validation!.RowsRead);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_folder, "audit.jsonl")).Length);
    }

    [Fact]
    public async Task A_file_of_many_users_gets_every_record_once_in_file_order_a_repeated_user_at_its_last_line()
    {
        // Users reach the audit in batches: many more users than one batch, and one repeated across several.
        var lines = Enumerable.Range(0, 1500).Select(i => $"user{i}@contoso.com,+44 7400 {100000 + i}").Append("User3@contoso.com,+44 7400 100003");
        var (pipeline, records) = await ValidateAsync("UserPrincipalName,MobilePhone\n" + string.Join("\n", lines) + "\n");

        // Line 5's user is held until its repeat on line 1502, then both are written together, after line 1501.
        Assert.Equal(Enumerable.Range(2, 1500).Where(l => l != 5).Concat([5, 1502]), records.Select(r => r.Line));
        Assert.Equal((Outcome.Skipped, ErrorCodes.DuplicateRow), (records[^1].Outcome, records[^1].Error));
        Assert.All(records.SkipLast(1), r => Assert.Equal(Outcome.Valid, r.Outcome));
        Assert.Equal(1501, pipeline.Validation!.RowsRead);
        Assert.Equal(1501, File.ReadAllLines(Path.Combine(_folder, "audit.jsonl")).Length);
    }

    [Fact]
    public async Task Validating_a_large_file_collects_the_young_generation_as_it_goes_so_peak_memory_stays_flat()
    {
        // About 3 KB allocated per row (reader, validator, audit): 30,000 rows are several of the pacer's 16 MiB budgets,
        // far below what the GC would wait for on its own on a machine with a large cache.
        var lines = Enumerable.Range(0, 30_000).Select(i => $"user{i}@contoso.com,+44 7400 {100000 + i},GB");
        var (pipeline, records) = await ValidateAsync("UserPrincipalName,MobilePhone,Country\n" + string.Join("\n", lines) + "\n");

        Assert.Equal(30_000, records.Count);
        Assert.InRange(pipeline.Validation!.YoungCollectionsInduced, 2, 30_000 / 1024);
    }
}

using System.Diagnostics;
using System.Globalization;
using BulkRegistrar.Reading;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Benchmarks;

/// <summary>Where the time of a validate run goes: reading alone, reading + validation, duplicate index.</summary>
internal static class Phases
{
    /// <summary>report.html alone: time, bytes allocated and peak working set of each call on one run folder.</summary>
    public static void Report(string runFolder, int calls)
    {
        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < calls; i++)
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var sw = Stopwatch.StartNew();
            var problem = BulkRegistrar.Report.HtmlReport.Write(runFolder);
            sw.Stop();
            self.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"report call {i + 1}: {sw.ElapsedMilliseconds} ms, {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:F0} MB allocated, peak working "
                    + $"set {self.PeakWorkingSet64 / 1048576.0:F0} MB{(problem is null ? "" : " — " + problem)}"));
        }
    }

    public static void Run(string input)
    {
        var options = new CsvOptions();
        var sw = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        string Allocated() // since the last call: how much of the GC's work each phase makes
        {
            var now = GC.GetTotalAllocatedBytes(precise: true);
            (var delta, allocated) = (now - allocated, now);
            return string.Create(CultureInfo.InvariantCulture, $", {delta / 1048576.0:F0} MB allocated");
        }

        long n = 0;
        using (var r = CsvRowReader.Open(input, options))
        {
            foreach (var _ in r.ReadRows())
            {
                n++;
            }
        }

        Console.WriteLine($"read only: {sw.ElapsedMilliseconds} ms for {n} rows{Allocated()}");
        sw.Restart();
        using (var r = CsvRowReader.Open(input, options))
        {
            DuplicateIndex.Build(r.ReadRows());
        }

        Console.WriteLine($"read + duplicate index: {sw.ElapsedMilliseconds} ms{Allocated()}");
        sw.Restart();
        var validator = new RowValidator();
        using (var r = CsvRowReader.Open(input, options))
        {
            foreach (var row in r.ReadRows())
            {
                validator.Validate(row, null);
            }
        }

        Console.WriteLine($"read + validate: {sw.ElapsedMilliseconds} ms{Allocated()}");
        var rec0 = new BulkRegistrar.Audit.AuditRecord(12345, "user0000001@contoso.com", BulkRegistrar.MethodKind.Mobile, "07400 123456", "+44 7400123456",
            BulkRegistrar.Audit.Outcome.Valid);
        var tmp = Directory.CreateTempSubdirectory("fmt-").FullName;
        foreach (var f in new BulkRegistrar.Audit.IAuditFormatter[] { new BulkRegistrar.Audit.JsonlAuditFormatter(Path.Combine(tmp, "a.jsonl")),
            new BulkRegistrar.Audit.CsvAuditFormatter(Path.Combine(tmp, "a.csv")) })
        {
            sw.Restart();
            for (var i = 0; i < 1_330_000; i++)
            {
                f.Write(rec0);
            }

            f.Dispose();
            Console.WriteLine($"{f.GetType().Name}: {sw.ElapsedMilliseconds} ms for 1.33M records{Allocated()}");
        }
        foreach (var mode in new[] { "stage, sink discards", "stage + records", "stage + records + audit files" })
        {
            sw.Restart();
            var folder = Directory.CreateTempSubdirectory("phase-").FullName;
            using var audit = BulkRegistrar.Audit.AuditWriter.Open(folder, TimeProvider.System);
            using var a = CsvRowReader.Open(input, options);
            using var b = CsvRowReader.Open(input, options);
            var stage = new ValidationStage(validator, null);
            stage.RunAsync(a.ReadRows(), b.ReadRows(), g =>
            {
                if (mode != "stage, sink discards")
                {
                    foreach (var j in g.Rows)
                    {
                        foreach (var rec in BulkRegistrar.Audit.AuditRecords.Of(j))
                        {
                            if (mode.EndsWith("files", StringComparison.Ordinal))
                            {
                                audit.Write(rec);
                            }
                        }
                    }
                }

                return ValueTask.CompletedTask;
            }, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"{mode}: {sw.ElapsedMilliseconds} ms{Allocated()}");
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GraphEmulator;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// The proof's verdicts, each printed with its count and PASS or FAIL: one terminal record per (line, method) in
/// audit.jsonl; 0 duplicate creates; 0 passes issued twice; 0 Retry-After violations; the tenant equal to the
/// file for every row with no <c>Failed</c> record. Evidence (first few lines, users) is printed for each failure.
/// </summary>
internal static partial class ProofChecks
{
    private const int Shown = 5;

    public static async Task<int> RunAsync(StandaloneEmulator emulator, string run, IReadOnlyList<ProofRow> rows)
    {
        var failures = 0;
        void Verdict(string what, long count, IEnumerable<string> evidence, string? note = null)
        {
            failures += count == 0 ? 0 : 1;
            Console.WriteLine($"{(count == 0 ? "PASS" : "FAIL")} {what}: {count}{(note is null ? "" : $" ({note})")}");
            foreach (var e in evidence.Take(count == 0 ? 0 : Shown))
            {
                Console.WriteLine($"     {e}");
            }
        }

        var records = ReadAudit(Path.Combine(run, "audit.jsonl"));
        var byKey = records.GroupBy(r => (r.Line, r.Method)).ToDictionary(g => g.Key, g => g.ToList());
        var wanted = rows.SelectMany(r => r.Methods.Select(m => (r.Line, Method: m))).ToList();
        var missing = wanted.Where(w => !byKey.ContainsKey(w)).ToList();
        var twice = byKey.Where(g => g.Value.Count > 1).ToList();
        var histogram = records.GroupBy(r => r.Error is null ? r.Outcome : $"{r.Outcome}/{r.Error}").OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"audit.jsonl: {records.Count} records for {wanted.Count} (line, method) pairs wanted; outcomes: {string.Join(", ", histogram)}");
        Verdict("(line, method) pairs with no record", missing.Count, missing.Select(m => $"line {m.Line} {m.Method}"));
        Verdict("(line, method) pairs with more than one record", twice.Count,
            twice.Select(g => $"line {g.Key.Line} {g.Key.Method}: {string.Join(", ", g.Value.Select(r => r.Outcome))}"));
        Verdict("records of no (line, method) in the file", byKey.Keys.Except(wanted).Count(),
            byKey.Keys.Except(wanted).Select(k => $"line {k.Line} {k.Method}"));
        var notTerminal = records.Where(r => r.Error is "Cancelled" or "RunAborted").ToList();
        Verdict("records still Cancelled or RunAborted (never sent)", notTerminal.Count,
            notTerminal.Select(r => $"line {r.Line} {r.Method} {r.Outcome}/{r.Error}"));

        var stats = await emulator.StatsAsync();
        Verdict("duplicate creates (emulator: creates refused because the method existed)", stats.DuplicateCreateAttempts, []);
        Verdict("Retry-After violations (emulator)", stats.RetryAfterViolations, [],
            "a resume waits out retry-after.txt; direct reads go one at a time once one was held");

        var log = await emulator.RequestLogAsync();
        // Each early request (the emulator's log marks it) with what its user was sent just before: what opened the window.
        foreach (var early in log.Where(e => e.Fault == "retryAfterViolation").Take(Shown))
        {
            var before = log.Where(e => e.Time <= early.Time && e.Time > early.Time.AddSeconds(-10) && UserSegment(e.Url) == UserSegment(early.Url))
                .TakeLast(4).Select(e => $"{e.Time:HH:mm:ss.fff} {e.Method} {e.Url.Split('?')[0]} {e.Status}{(e.Fault is null ? "" : " " + e.Fault)}"
                    + $" (batch {e.BatchRequestId?[..8]})");
            Console.WriteLine($"     early: {string.Join(" | ", before)}");
        }

        var upnOf = rows.Select((r, i) => (Id: Workload.UserId(i), r.Upn)).ToDictionary(p => p.Id, p => p.Upn, StringComparer.OrdinalIgnoreCase);
        var passes = log.Where(e => e.WriteApplied && e.Method == "POST" && TapCreate().IsMatch(e.Url))
            .GroupBy(e => User(e.Url, upnOf), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Time).ToList(), StringComparer.OrdinalIgnoreCase);
        var handedOff = ReadHandoff(Path.Combine(run, "handoff.csv"));
        var issued = passes.Values.Sum(p => p.Count);
        var again = passes.Where(p => p.Value.Count > 1).ToList();
        var afterItem201 = again.Where(p => p.Value.SkipLast(1).Any(e => e.Status == 201)).ToList();
        Console.WriteLine($"passes (emulator vs hand-off file): {issued} issued to {passes.Count} users, {handedOff.Values.Sum()} lines in handoff.csv; "
            + $"{again.Count} users were issued more than one — {again.Count - afterItem201.Count} after the earlier item's answer was an error "
            + $"(lost: by design the pass is issued again, README), {afterItem201.Count} after an item answered 201 whose envelope or connection may still "
            + "have been lost, or whose process was killed "
            + "(the emulator's log cannot tell which)");
        foreach (var p in afterItem201.Take(Shown))
        {
            var sends = string.Join(", ", p.Value.Select(e => $"{e.Time:HH:mm:ss.fff} {e.Status}{(e.Fault is null ? "" : " " + e.Fault)}"));
            Console.WriteLine($"     {p.Key}: {sends}; audit: {Outcome(byKey, rows, p.Key, "temporaryAccessPass")}");
        }

        var handedTwice = handedOff.Where(h => h.Value > 1).ToList();
        Verdict("passes issued twice to the run (users with more than one pass in handoff.csv)", handedTwice.Count,
            handedTwice.Select(h => $"{h.Key}: {h.Value} lines"));
        var heldUnknown = passes.Keys.Where(u => !handedOff.ContainsKey(u)).ToList();
        Console.WriteLine($"users holding a pass that handoff.csv does not have: {heldUnknown.Count} (a pass that landed while its answer was lost or its "
            + "process killed; README: such a user is Unchanged, never issued a second pass)");
        foreach (var u in heldUnknown.Take(Shown))
        {
            Console.WriteLine($"     {u}: {Outcome(byKey, rows, u, "temporaryAccessPass")}");
        }

        var users = await emulator.UsersAsync(rows.Select(r => r.Upn));
        var failedLines = records.Where(r => r.Outcome == "Failed").Select(r => r.Line).ToHashSet();
        var checkedRows = rows.Where(r => !failedLines.Contains(r.Line)).ToList();
        var wrong = checkedRows.Select(r => (Row: r, Why: Differences(r, users.GetValueOrDefault(r.Upn)))).Where(p => p.Why.Count > 0).ToList();
        Verdict($"rows whose tenant state is not the file's, of {checkedRows.Count} rows with no Failed record ({rows.Count - checkedRows.Count} have one)",
            wrong.Count, wrong.Select(w => $"line {w.Row.Line} {w.Row.Upn}: {string.Join("; ", w.Why)}; audit: {Outcomes(byKey, w.Row)}"));
        Console.WriteLine(failures == 0 ? "proof: every check passed" : $"proof: {failures} check(s) failed");
        return failures;
    }

    private static List<string> Differences(ProofRow row, EmulatorUserState? user)
    {
        if (user is null)
        {
            return ["user not found"];
        }

        var why = new List<string>();
        void Phone(string type, string? wanted)
        {
            var held = user.PhoneMethods.Where(p => p.PhoneType == type).ToList();
            if (wanted is not null && (held.Count != 1 || Workload.Digits(held[0].PhoneNumber) != Workload.Digits(wanted)))
            {
                why.Add($"{type} {(held.Count == 0 ? "missing" : string.Join("|", held.Select(p => p.PhoneNumber)))}, file {wanted}");
            }
        }

        Phone("mobile", row.Mobile);
        Phone("office", row.Office);
        if (row.Email is not null && !string.Equals(user.EmailAddress, row.Email, StringComparison.OrdinalIgnoreCase))
        {
            why.Add($"email {user.EmailAddress ?? "missing"}, file {row.Email}");
        }

        if (row.SmsSignIn && user.PhoneMethods.FirstOrDefault(p => p.PhoneType == "mobile")?.SmsSignInState != "ready")
        {
            why.Add($"SMS sign-in {user.PhoneMethods.FirstOrDefault(p => p.PhoneType == "mobile")?.SmsSignInState ?? "no mobile"}, file true");
        }

        if (row.Tap && user.TemporaryAccessPass is null)
        {
            why.Add("no Temporary Access Pass, file true");
        }

        return why;
    }

    private static string Outcome(Dictionary<(int Line, string Method), List<AuditLine>> byKey, IReadOnlyList<ProofRow> rows, string upn, string method)
    {
        var row = rows.FirstOrDefault(r => string.Equals(r.Upn, upn, StringComparison.OrdinalIgnoreCase));
        return row is not null && byKey.TryGetValue((row.Line, method), out var r) ? string.Join(", ", r.Select(a => $"{a.Outcome}/{a.Error}: {a.Message}"))
            : "no record";
    }

    private static string Outcomes(Dictionary<(int Line, string Method), List<AuditLine>> byKey, ProofRow row) =>
        string.Join(", ", row.Methods.Select(m => byKey.TryGetValue((row.Line, m), out var r) ? $"{m} {string.Join("+", r.Select(a => a.Outcome))}"
            : $"{m} none"));

    private static string UserSegment(string url) => url.Split('/') is { Length: > 2 } parts ? parts[2].ToLowerInvariant() : url;

    private static string User(string url, Dictionary<string, string> upnOf)
    {
        var key = Uri.UnescapeDataString(TapCreate().Match(url).Groups[1].Value);
        return upnOf.GetValueOrDefault(key, key);
    }

    private static List<AuditLine> ReadAudit(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var r = json.RootElement;
            string? Text(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new AuditLine(r.GetProperty("line").GetInt32(), Text("method") ?? "", Text("outcome") ?? "", Text("error"), Text("message"));
        })];

    private static Dictionary<string, int> ReadHandoff(string path)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return lines;
        }

        using var stream = File.OpenRead(path);
        using var csv = global::CsvHelper.CsvReader.Create(stream, new global::CsvHelper.CsvReaderOptions { HasHeader = true });
        var header = csv.Headers.ToList();
        var user = header.IndexOf("UserPrincipalName");
        var method = header.IndexOf("Method");
        while (csv.Read())
        {
            if (csv.GetString(method) == "temporaryAccessPass")
            {
                var upn = csv.GetString(user);
                lines[upn] = lines.GetValueOrDefault(upn) + 1;
            }
        }

        return lines;
    }

    [GeneratedRegex("users/([^/?]+)/authentication/temporaryAccessPassMethods", RegexOptions.IgnoreCase)]
    private static partial Regex TapCreate();

    private sealed record AuditLine(int Line, string Method, string Outcome, string? Error, string? Message);
}

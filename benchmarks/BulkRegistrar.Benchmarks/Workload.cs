using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphEmulator;

namespace BulkRegistrar.Benchmarks;

/// <summary>The new hires the out-of-process benchmarks write: seeded users and a one-mobile-each CSV, as files the processes read.</summary>
internal static class Workload
{
    public const double WriteBurst = 3000;      // entra-L: 3,000 writes, then +20/s × k (docs/emulator.md, its budget profiles)
    public const double WritesPerSecond = 20;

    public static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"bench{i:D6}@contoso.com");

    public static string Mobile(int i) => string.Create(CultureInfo.InvariantCulture, $"+44 7400{i:D6}");

    public static string UserId(int i) => new Guid(i, 0x4242, 0x4242, [1, 2, 3, 4, 5, 6, 7, 8]).ToString();

    /// <summary>A seed document (docs/emulator.md, Seed schema) of <paramref name="users"/> users; <paramref name="extra"/> adds properties per user.</summary>
    public static void WriteSeed(string path, int users, Func<int, Dictionary<string, object>>? extra = null)
    {
        var list = Enumerable.Range(0, users).Select(i =>
        {
            var user = new Dictionary<string, object> { ["id"] = UserId(i), ["userPrincipalName"] = Upn(i), ["usageLocation"] = "GB" };
            foreach (var (key, value) in extra?.Invoke(i) ?? [])
            {
                user[key] = value;
            }

            return user;
        });
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, new Dictionary<string, object> { ["users"] = list });
    }

    public static List<(string Upn, string Mobile)> WriteMobiles(string path, int rows)
    {
        var list = Enumerable.Range(0, rows).Select(i => (Upn(i), Mobile(i))).ToList();
        var text = new StringBuilder("upn,mobile\n");
        foreach (var (upn, mobile) in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"{upn},{mobile}\n");
        }

        File.WriteAllText(path, text.ToString());
        return list;
    }

    /// <summary>The configuration every CLI run of the benchmarks gets (BENCH_CONCURRENCY, BENCH_WRITE_FIRST, BENCH_KEEP as before).</summary>
    public static void WriteCliConfig(string path)
    {
        var concurrency = Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "16";
        var writeFirst = Environment.GetEnvironmentVariable("BENCH_WRITE_FIRST") ?? "Auto";
        var level = Environment.GetEnvironmentVariable("BENCH_KEEP") is null ? "Warning" : "Information";
        File.WriteAllText(path, $$"""{ "Dispatch": { "Concurrency": {{concurrency}}, "WriteFirst": "{{writeFirst}}" }, "Serilog": { "MinimumLevel":"""
            + $$""" { "Default": "{{level}}" } } }""");
    }

    /// <summary>Rows whose user does not hold exactly the file's mobile (by digits: the emulator stores what was sent).</summary>
    public static int RowsWrong(IReadOnlyList<(string Upn, string Mobile)> rows, IReadOnlyDictionary<string, EmulatorUserState?> users) =>
        rows.Count(r => users.GetValueOrDefault(r.Upn) is not { } u
            || u.PhoneMethods.Count(p => p.PhoneType == "mobile") != 1
            || Digits(u.PhoneMethods.First(p => p.PhoneType == "mobile").PhoneNumber) != Digits(r.Mobile));

    public static string Digits(string s) => new([.. s.Where(char.IsAsciiDigit)]);
}

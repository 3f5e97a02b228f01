using System.Text;
using BulkRegistrar.Audit;
using BulkRegistrar.Cli;

namespace BulkRegistrar.Tests.Cli;

/// <summary>What the run folder says about the input's lines: every one in the audit, or named as unread.</summary>
public sealed class InputAccountingTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Stray_quote_costs_only_its_own_line_in_a_2000_row_file()
    {
        var text = new StringBuilder("UserPrincipalName,MobilePhone\n");
        for (var i = 1; i <= 2000; i++)
        {
            text.Append(i == 2 ? "a2@contoso.com,\"+44 7400 100002\n" : $"a{i}@contoso.com,+44 7400 {100000 + i}\n");
        }

        var exit = await _cli.Validate(_cli.WriteFile("hires.csv", text.ToString()));

        Assert.Equal(ExitCodes.RowsNeedAttention, exit);
        var records = _cli.Audit();
        var line3 = Assert.Single(records, r => r.GetProperty("line").GetInt32() == 3);
        Assert.Equal("MalformedRecord", line3.GetProperty("error").GetString());
        Assert.StartsWith("Unbalanced quote", line3.GetProperty("message").GetString());
        Assert.Equal(Enumerable.Range(2, 2000), records.Select(r => r.GetProperty("line").GetInt32()).Distinct().Order());
        Assert.Equal(1999, records.Count(r => r.GetProperty("outcome").GetString() == "Valid"));
        var input = _cli.Summary().GetProperty("input");
        Assert.Equal(2001, input.GetProperty("lines").GetInt64());
        Assert.Equal(0, input.GetProperty("unreadLines").GetArrayLength());
        Assert.Equal(2000, _cli.Summary().GetProperty("rowsRead").GetInt64());
    }

    [Fact]
    public async Task A_file_level_failure_names_every_unread_line_in_the_summary()
    {
        // The bad byte is past the first 64 KiB block, so the header and the first rows read fine.
        var rows = string.Concat(Enumerable.Range(2, 3000).Select(i => $"u{i}@contoso.com,+44 7911 123456\n"));
        var bytes = Encoding.UTF8.GetBytes("upn,mobile\n" + rows)
            .Concat(new byte[] { 0xFF, 0x2C, 0x0A }).Concat(Encoding.UTF8.GetBytes("cat@contoso.com,\n")).ToArray();

        var exit = await _cli.Validate(_cli.WriteBytes("bad.csv", bytes));

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Empty(_cli.Audit());
        var input = _cli.Summary().GetProperty("input");
        Assert.Equal(3003, input.GetProperty("lines").GetInt64());
        var unread = Assert.Single(input.GetProperty("unreadLines").EnumerateArray());
        Assert.Equal(2, unread.GetProperty("from").GetInt64());
        Assert.Equal(3003, unread.GetProperty("to").GetInt64());
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("apply")]
    public async Task Header_only_file_exits_2_saying_it_has_no_rows_and_still_writes_the_summary(string verb)
    {
        var path = _cli.WriteFile("empty-export.csv", "UserPrincipalName,MobilePhone\r\n\r\n");
        string[] args = verb == "validate" ? [verb, path, "--out", _cli.RunFolder] : [verb, path, "--out", _cli.RunFolder, "--emulator"];

        var exit = await _cli.Run(args);

        Assert.Equal(ExitCodes.CannotProcess, exit);
        Assert.Contains("the file has a header but no rows", _cli.Output, StringComparison.Ordinal);
        var summary = _cli.Summary();
        Assert.Equal(2, summary.GetProperty("exitCode").GetInt32());
        Assert.Contains("the file has a header but no rows", summary.GetProperty("abortReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, summary.GetProperty("rowsRead").GetInt64());
        Assert.Equal(2, summary.GetProperty("input").GetProperty("lines").GetInt64());
    }
}

using BulkRegistrar.Audit;
using BulkRegistrar.Validation;

namespace BulkRegistrar.Tests.Validation;

/// <summary>The shared phone rules, as data: every row of TestData/phone-normalization.csv.</summary>
public class PhoneNormalizationDataTests
{
    private static readonly PhoneNormalizer Normalizer = new();

    public static TheoryData<string, string, string, string> Cases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "phone-normalization.csv");
        var lines = File.ReadAllLines(path);
        Assert.Equal("input,region,phoneType,expect", lines[0]);
        var data = new TheoryData<string, string, string, string>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            // The file has no quoted fields; a comma inside an input would need a real CSV reader.
            var f = line.Split(',');
            Assert.Equal(4, f.Length);
            data.Add(f[0], f[1], f[2], f[3]);
        }

        Assert.True(data.Count >= 22, "the shared rule file lost rows");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Phone_cell_normalises_as_the_shared_rules_say(string input, string region, string phoneType, string expect)
    {
        var method = Enum.Parse<MethodKind>(phoneType, ignoreCase: true);

        var result = Normalizer.Normalize(input, region.Length == 0 ? null : region, method);

        if (expect.StartsWith("error:", StringComparison.Ordinal))
        {
            Assert.Equal(expect["error:".Length..], result.Error);
            Assert.Null(result.Value);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }
        else
        {
            Assert.Null(result.Error);
            Assert.Equal(expect, result.Value);
        }
    }
}

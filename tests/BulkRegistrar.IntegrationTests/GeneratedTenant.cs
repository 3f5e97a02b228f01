using System.Globalization;
using System.Text;
using GraphEmulator.Seed;

namespace BulkRegistrar.IntegrationTests;

/// <summary>A directory of N generated hires and the CSV that registers a mobile (and every third an office phone) for each.</summary>
internal static class GeneratedTenant
{
    public static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"hire{i:D5}@contoso.com");

    public static string Mobile(int i) => string.Create(CultureInfo.InvariantCulture, $"+44 74001{i:D5}");

    public static string Office(int i) => string.Create(CultureInfo.InvariantCulture, $"+44 20794{i:D5}");

    public static DirectorySeed Seed(int users) => new()
    {
        Users = [.. Enumerable.Range(1, users).Select(i => new SeedUser
        {
            Id = new Guid(i, 0x1234, 0x5678, [1, 2, 3, 4, 5, 6, 7, 8]).ToString(),
            UserPrincipalName = Upn(i),
            DisplayName = $"Hire {i}",
            UsageLocation = "GB",
        })],
    };

    public static string Csv(int users)
    {
        var csv = new StringBuilder("upn,mobile,office\n");
        for (var i = 1; i <= users; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Upn(i)},{Mobile(i)},{(i % 3 == 0 ? Office(i) : "")}\n");
        }

        return csv.ToString();
    }
}

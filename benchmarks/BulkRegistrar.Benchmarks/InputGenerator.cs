using System.Globalization;
using System.Text;

namespace BulkRegistrar.Benchmarks;

/// <summary>
/// A reproducible CSV of new hires: 4 columns (UPN, mobile, office, country), numbers across
/// nine countries in the shapes HR exports use (national, international, punctuation), about one
/// row in eight deliberately wrong. Seeded, so every run measures the same bytes.
/// </summary>
internal static class InputGenerator
{
    private static readonly (string Region, string Mobile, string Office)[] Shapes =
    [
        ("GB", "074## ######", "020 7946 0###"),
        ("US", "(425) 555-01##", "+1 206 555 01##"),
        ("DE", "0151 2345####", "030 123456##"),
        ("FR", "06 12 34 ## ##", "01 23 45 ## ##"),
        ("AU", "0412 ### ###", "(02) 9876 5###"),
        ("BR", "(11) 9####-####", ""),
        ("IN", "98765 4####", ""),
        ("NL", "06 123456##", "020 123 45##"),
        ("JP", "090-1234-####", ""),
    ];

    public static string Ensure(string folder, int rows)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"hires-{rows}.csv");
        if (File.Exists(path))
        {
            return path;
        }

        var random = new Random(rows);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("UserPrincipalName,MobilePhone,OfficePhone,Country\r\n");
        var line = new StringBuilder(128);
        for (var i = 0; i < rows; i++)
        {
            var shape = Shapes[random.Next(Shapes.Length)];
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"user{i:D7}@contoso.com,");
            var mobile = Fill(shape.Mobile, random);
            if (random.Next(8) == 0)
            {
                mobile = mobile[..^3]; // too short: an InvalidNumber row
            }

            line.Append(mobile).Append(',').Append(random.Next(3) == 0 ? Fill(shape.Office, random) : "");
            line.Append(',').Append(shape.Region).Append("\r\n");
            writer.Write(line);
        }

        return path;
    }

    private static string Fill(string pattern, Random random)
    {
        var chars = pattern.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '#')
            {
                chars[i] = (char)('0' + random.Next(10));
            }
        }

        return new string(chars);
    }
}

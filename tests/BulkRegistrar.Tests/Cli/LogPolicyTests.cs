using BulkRegistrar.Cli;
using BulkRegistrar.Privacy;
using Microsoft.Extensions.Configuration;

namespace BulkRegistrar.Tests.Cli;

/// <summary>
/// The log policy holds for every sink, not by care at call sites: each kind of secret and personal
/// value is logged the careless way and must come out redacted or masked in the console, run.log and
/// the rolling file, text and CLEF alike.
/// </summary>
[Collection(ConsoleOutCollection.Name)]
public sealed class LogPolicyTests : IDisposable
{
    private const string Phone = "+44 7400 123456";
    private const string ClientSecret = "s3cr3t~client.SECRET-value";
    private const string Pass = "TapPass#9xY2";
    private const string Password = "Generated-Pw!72Kq";
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMiLCJyb2xlcyI6WyJ4Il19.c2lnbmF0dXJlLXBhcnQ";
    private readonly string _folder = Directory.CreateTempSubdirectory("logs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void LogEveryKindCarelessly(Serilog.ILogger log)
    {
        log.Warning("Mobile is {Number}", Phone);
        log.Warning("Read the app's credential {Value}", ClientSecret); // a secret under an innocent name
        log.Warning("Graph answered {Body}", $"{{\"temporaryAccessPass\":\"{Pass}\"}}");
        log.Warning("New password {Password}", Password);
        log.Warning("Sent {Header}", "Bearer " + Jwt);
        log.Warning("Token {Raw}", Jwt);
        log.Warning("User {@User}", new { Upn = "ada@contoso.com", Mobile = Phone, Password, Note = "pass " + Pass });
        log.Warning("Reading {File}", "hires\u001b[31m\n12:00 INF forged.csv"); // a file name is a value like any other
    }

    [Theory]
    [InlineData("text")]
    [InlineData("clef")]
    public void No_secret_or_phone_number_reaches_any_sink(string format)
    {
        KnownSecrets.Add(ClientSecret);
        KnownSecrets.Add(Pass);
        KnownSecrets.Add(Password);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:WriteTo:0:Args:outputTemplate"] = Logging.TextTemplate,
        }).Build();
        var rolling = Path.Combine(_folder, "rolling");
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            var log = Logging.Create(config, _folder, new LoggingOptions { Folder = rolling, Format = format });
            LogEveryKindCarelessly(log);
            (log as IDisposable)!.Dispose();
        }
        finally
        {
            Console.SetOut(original);
        }

        var sinks = new Dictionary<string, string>
        {
            ["console"] = console.ToString(),
            ["run.log"] = File.ReadAllText(Path.Combine(_folder, "run.log")),
            ["rolling " + format] = File.ReadAllText(Assert.Single(Directory.GetFiles(rolling))),
        };
        foreach (var (sink, text) in sinks)
        {
            Assert.Contains("Mobile is", text, StringComparison.Ordinal); // the events did arrive
            foreach (var secret in new[] { Phone, "7400 123456", "7400123456", ClientSecret, Pass, Password, Jwt })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{sink} holds '{secret}':\n{text}");
            }

            Assert.Contains(LogRedaction.Redacted, text, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', text);
            Assert.Contains("hires{U+001B}[31m{U+000A}12:00 INF forged.csv", text, StringComparison.Ordinal);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutCollection
{
    public const string Name = "console out";
}

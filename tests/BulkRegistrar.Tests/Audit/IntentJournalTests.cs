using System.Text;
using System.Text.Json;
using BulkRegistrar.Audit;
using BulkRegistrar.Transport;
using Microsoft.Kiota.Abstractions;

namespace BulkRegistrar.Tests.Audit;

public sealed class IntentJournalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("intents-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>What the batcher hands the journal for one write: its intent and its request line.</summary>
    private static (WriteIntent?, string) CreateMobile(int line, string user)
    {
        var request = new RequestInformation
        {
            HttpMethod = Method.POST, URI = new Uri($"https://graph.microsoft.com/v1.0/users/{user}/authentication/phoneMethods"),
        };
        request.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"phoneNumber":"+44 7400123456","phoneType":"mobile"}""")), "application/json");
        var call = new GraphCall(request, IsWrite: true) { Intent = new WriteIntent(line, MethodKind.Mobile, user, "Create") };
        return (call.Intent, call.RequestLine);
    }

    [Fact]
    public void Each_write_of_a_batch_is_one_line_with_its_line_method_user_operation_and_batch_id_and_no_phone_number()
    {
        using (var journal = IntentJournal.Open(_folder))
        {
            Assert.Null(journal.Record("batch-1", [CreateMobile(2, "0f1e"), CreateMobile(3, "1a2b")]));
        }

        var lines = File.ReadAllLines(Path.Combine(_folder, IntentJournal.FileName));
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var r = first.RootElement;
        Assert.Equal(("batch-1", 2, "mobile", "0f1e", "Create"), (r.GetProperty("clientRequestId").GetString(), r.GetProperty("line").GetInt32(),
            r.GetProperty("method").GetString(), r.GetProperty("user").GetString(), r.GetProperty("operation").GetString()));
        Assert.Equal("POST /v1.0/users/0f1e/authentication/phoneMethods", r.GetProperty("request").GetString());
        Assert.DoesNotContain("7400123456", File.ReadAllText(Path.Combine(_folder, IntentJournal.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_back_gives_the_line_and_method_pairs_and_ignores_a_torn_last_line()
    {
        using (var journal = IntentJournal.Open(_folder))
        {
            journal.Record("batch-1", [CreateMobile(2, "0f1e")]);
        }

        File.AppendAllText(Path.Combine(_folder, IntentJournal.FileName), """{"clientRequestId":"batch-2","line":3,"meth""");

        Assert.Equal([(2, MethodKind.Mobile)], IntentJournal.Read(_folder));
    }
}

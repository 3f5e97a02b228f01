using BulkRegistrar.Audit;
using Microsoft.Extensions.Time.Testing;

namespace BulkRegistrar.Tests.Audit;

/// <summary>The audit writer and its stage when a file cannot be written (a formatter that fails like a full disk, injected at the formatter seam).</summary>
public sealed class AuditFailureTests
{
    private static AuditRecord Record(int line) => new(line, "a@contoso.com", MethodKind.Mobile, "07400 123456", "+44 7400123456", Outcome.Created);

    [Fact]
    public void A_failing_audit_file_stops_being_written_keeps_the_tally_and_never_throws_from_dispose()
    {
        var failing = new FailingFormatter(failAfter: 2);
        var other = new FailingFormatter(failAfter: int.MaxValue);
        var audit = new AuditWriter(new FakeTimeProvider(), failing, other);

        for (var i = 1; i <= 5; i++)
        {
            audit.Write(Record(i));
        }

        audit.Flush();
        audit.Dispose();

        Assert.IsType<IOException>(audit.Failure);
        Assert.Equal(failing.Path, audit.FailedPath);
        Assert.Equal(5, audit.Tally.Records);
        Assert.Equal(2, other.Written); // nothing written after the failure, to either file
    }

    [Fact]
    public async Task The_audit_stage_reports_a_write_failure_once_at_once_and_still_drains_more_than_its_channel_holds()
    {
        var audit = new AuditWriter(new FakeTimeProvider(), new FailingFormatter(failAfter: 10));
        var stage = new AuditStage<AuditRecord>(audit, r => [r]);
        var reported = new List<string>();
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stage.WhenFailed((path, _) =>
        {
            reported.Add(path);
            failed.TrySetResult();
        });

        for (var i = 1; i <= 20; i++)
        {
            await stage.Accept(Record(i));
        }

        await failed.Task.WaitAsync(TimeSpan.FromSeconds(30)); // before the end of the run, not at it
        for (var i = 21; i <= 6000; i++)
        {
            await stage.Accept(Record(i)); // more than the channel's 4096: a stage that stopped reading would block here
        }

        await stage.CompleteAsync();

        Assert.Equal(["/failing/audit.jsonl"], reported);
        Assert.Equal(6000, audit.Tally.Records);
    }

    private sealed class FailingFormatter(int failAfter) : IAuditFormatter
    {
        public string Path => "/failing/audit.jsonl";

        public int Written { get; private set; }

        public void Write(AuditRecord record)
        {
            if (Written >= failAfter)
            {
                throw new IOException("No space left on device : '/failing/audit.jsonl'", 28);
            }

            Written++;
        }

        public void Flush()
        {
        }

        public void Dispose() => throw new IOException("No space left on device", 28);
    }
}

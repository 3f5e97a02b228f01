using System.Net;
using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Core.Requests;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GraphEmulator.Tests.Throttling;

/// <summary>Budget behaviour (docs/graph-behaviour.md §T6) on a fake clock: a tiny write bucket refilling 0.5 per second.</summary>
public sealed class ThrottlingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartIsolatedAsync(_time, o =>
        {
            o.ThrottlingProfile = "entra-L";
            o.ThrottlingOverrides = new ThrottlingOverrides { WriteCapacity = 3, WriteRefillPerSecond = 0.5 };
        });
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task When_the_write_bucket_is_empty_a_write_gets_429_with_the_computed_retry_after_and_throttle_headers()
    {
        await DrainWrites();
        var ex = await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550201"));

        Assert.Equal(429, ex.ResponseStatusCode);
        Assert.Equal("TooManyRequests", ex.Error!.Code);
        Assert.Equal("2", Header(ex, "Retry-After")); // one missing write at 0.5/s
        Assert.Equal("2000", Header(ex, "x-emulator-retry-after-ms"));
        Assert.StartsWith("Tenant_Application/Write/", Header(ex, "x-ms-throttle-scope"), StringComparison.Ordinal);
        Assert.Equal("WriteLimitExceeded", Header(ex, "x-ms-throttle-information"));
        Assert.Equal(1, _emulator.GetStats().Throttled);
    }

    [Fact]
    public async Task Reads_still_pass_while_writes_are_throttled()
    {
        await DrainWrites();
        await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550202"));
        Assert.NotNull(await _graph.Users[Users.Plain3].Authentication.PhoneMethods.GetAsync());
    }

    [Fact]
    public async Task An_early_retry_is_rejected_counted_as_a_violation_and_extends_the_window()
    {
        await DrainWrites();
        await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550203")); // window: 2 s

        _time.Advance(TimeSpan.FromSeconds(1));
        var early = await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550203"));
        Assert.Equal(429, early.ResponseStatusCode);
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);
        Assert.Equal("3", Header(early, "Retry-After")); // 1 s left of the first window + 2 s penalty

        _time.Advance(TimeSpan.FromSeconds(2)); // the first window is over, the extended one is not
        await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550203"));
        Assert.Equal(2, _emulator.GetStats().RetryAfterViolations);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotNull(await CreateOffice(Users.Plain3, "+1 4255550203"));
    }

    [Fact]
    public async Task A_client_that_waits_the_retry_after_is_admitted_without_a_violation()
    {
        await DrainWrites();
        var ex = await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550204"));
        _time.Advance(TimeSpan.FromSeconds(int.Parse(Header(ex, "Retry-After"), System.Globalization.CultureInfo.InvariantCulture)));

        Assert.NotNull(await CreateOffice(Users.Plain3, "+1 4255550204"));
        Assert.Equal(0, _emulator.GetStats().RetryAfterViolations);
    }

    [Fact]
    public async Task Each_batch_item_is_metered_on_its_own_and_throttled_items_carry_retry_after()
    {
        var batch = new BatchRequestContentCollection(_graph);
        string[] users = [Users.Plain, Users.Plain2, Users.Plain3, Users.OutsideSmsPolicy, Users.WithMobile];
        var ids = new List<string>();
        foreach (var u in users)
        {
            ids.Add(await batch.AddBatchRequestStepAsync(_graph.Users[u].Authentication.PhoneMethods.ToPostRequestInformation(
                new PhoneAuthenticationMethod { PhoneNumber = "+1 2065550100", PhoneType = AuthenticationPhoneType.Office })));
        }

        var response = await _graph.Batch.PostAsync(batch);
        var codes = await response.GetResponsesStatusCodesAsync();

        Assert.Equal(3, ids.Count(i => codes[i] == HttpStatusCode.Created));
        var throttled = ids.Where(i => codes[i] == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(2, throttled.Count);
        var item = await response.GetResponseByIdAsync(throttled[0]);
        Assert.Equal(TimeSpan.FromSeconds(2), item.Headers.RetryAfter!.Delta);
        Assert.Equal(0, _emulator.GetStats().RetryAfterViolations); // siblings in one envelope are not early retries
    }

    [Fact]
    public async Task With_time_compression_the_exact_wait_travels_in_milliseconds_next_to_whole_second_retry_after()
    {
        _emulator.SetThrottling("entra-L", 60, new ThrottlingOverrides { WriteCapacity = 3, WriteRefillPerSecond = 0.5 });
        await DrainWrites();
        var ex = await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550205"));

        Assert.Equal("1", Header(ex, "Retry-After"));
        Assert.Equal("34", Header(ex, "x-emulator-retry-after-ms")); // 2 emulated seconds / 60

        _time.Advance(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAsync<ODataError>(() => CreateOffice(Users.Plain3, "+1 4255550205"));
        Assert.Equal(1, _emulator.GetStats().RetryAfterViolations);
    }

    [Fact]
    public async Task Reset_password_operation_moves_to_succeeded_as_time_passes()
    {
        var admin = _emulator.GetUserState(Users.Plain2)!.Id;
        using var http = Clients.Raw(_emulator, _emulator.IssueDelegatedToken(admin, Clients.ReadWrite));
        using var reset = await http.PostAsync(
            $"/v1.0/users/{Uri.EscapeDataString(Users.Plain)}/authentication/methods/28c10230-6103-485e-b985-444c60001490/resetPassword", null);
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);

        var location = reset.Headers.Location!;
        Assert.Contains("\"notStarted\"", await http.GetStringAsync(location), StringComparison.Ordinal);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains("\"succeeded\"", await http.GetStringAsync(location), StringComparison.Ordinal);
    }

    private async Task DrainWrites()
    {
        foreach (var u in new[] { Users.Plain, Users.Plain2, Users.OutsideSmsPolicy })
        {
            await CreateOffice(u, "+1 2065550100");
        }
    }

    private Task<PhoneAuthenticationMethod?> CreateOffice(string upn, string number) =>
        _graph.Users[upn].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = number,
            PhoneType = AuthenticationPhoneType.Office });

    private static string Header(ODataError ex, string name) => ex.ResponseHeaders[name].Single();
}

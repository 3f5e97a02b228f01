using System.Globalization;
using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Throttling;

/// <summary>Strict item 4: k is discoverable on every answer, and whole-second Retry-After alone is safe.</summary>
public sealed class TimeCompressionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartStrictAsync(_time, o =>
        {
            o.TimeCompression = 10;
            o.ThrottlingProfile = "entra-L";
            o.ThrottlingOverrides = new ThrottlingOverrides { WriteCapacity = 3, WriteRefillPerSecond = 0.5 };
        });
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Every_answer_names_the_time_compression_and_config_shows_it()
    {
        using var http = Clients.Raw(_emulator, _emulator.IssueToken(Clients.AllRoles));
        using var ok = await http.GetAsync($"/v1.0/users/{Users.Plain}/authentication/phoneMethods");
        using var notFound = await http.GetAsync($"/v1.0/users/{Users.Missing}/authentication/phoneMethods");
        using var batch = await http.PostAsync("/v1.0/$batch", new StringContent("""{"requests":[]}""", System.Text.Encoding.UTF8, "application/json"));
        using var token = await http.PostAsync($"/{_emulator.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent([]));
        using var config = await http.GetAsync("/_emulator/config");

        foreach (var r in new[] { ok, notFound, batch, token, config })
        {
            Assert.Equal("10", r.Headers.GetValues(GraphEmulatorHost.TimeCompressionHeader).Single());
        }

        Assert.Equal("x-emulator-time-compression", GraphEmulatorHost.TimeCompressionHeader);
        using var doc = JsonDocument.Parse(await config.Content.ReadAsStringAsync());
        Assert.Equal(10, doc.RootElement.GetProperty("timeCompression").GetDouble());
        Assert.Equal("strict", doc.RootElement.GetProperty("faults").GetString());
    }

    [Fact]
    public async Task A_client_that_honours_only_whole_second_retry_after_never_retries_early()
    {
        string[] users = [Users.Plain, Users.Plain2, Users.Plain3, Users.WithMobile];
        var throttled = 0;
        for (var i = 0; i < 40; i++)
        {
            if (i % 10 == 5)
            {
                _emulator.ScheduleFault(i % 20 == 5 ? EmulatorFault.Throttle429 : EmulatorFault.Status503RetryAfter);
            }

            var wait = i % 8 == 7 ? await BatchRetryAfter(users[i % users.Length]) : await WriteRetryAfter(users[i % users.Length]);
            throttled += wait > 0 ? 1 : 0;
            _time.Advance(wait > 0 ? TimeSpan.FromSeconds(wait) : TimeSpan.FromMilliseconds(15));
        }

        Assert.True(throttled >= 5, $"only {throttled} waits");
        Assert.Equal(0, _emulator.GetStats().RetryAfterViolations);
    }

    /// <summary>A PATCH of the user's office phone (a write); the whole seconds of Retry-After when refused, else 0.</summary>
    private async Task<int> WriteRetryAfter(string upn)
    {
        try
        {
            await _graph.Users[upn].Authentication.PhoneMethods.PostAsync(new PhoneAuthenticationMethod { PhoneNumber = "+1 4255550400",
                PhoneType = AuthenticationPhoneType.Office });
            return 0;
        }
        catch (ApiException e) when (e.ResponseHeaders.TryGetValue("Retry-After", out var ra))
        {
            return int.Parse(ra.Single(), CultureInfo.InvariantCulture);
        }
        catch (ApiException)
        {
            return 0; // e.g. 400: the office phone already exists — a write all the same
        }
    }

    private async Task<int> BatchRetryAfter(string upn)
    {
        _emulator.ScheduleFault(EmulatorFault.Envelope429);
        using var http = Clients.Raw(_emulator, _emulator.IssueToken(Clients.AllRoles));
        using var res = await http.PostAsync("/v1.0/$batch", new StringContent(
            $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{upn}}/authentication/phoneMethods"}]}""", System.Text.Encoding.UTF8,
                "application/json"));
        return res.Headers.TryGetValues("Retry-After", out var ra) ? int.Parse(ra.Single(), CultureInfo.InvariantCulture) : 0;
    }
}

using GraphEmulator.Seed;
using GraphEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using PhoneNumbers;

namespace GraphEmulator.Tests.State;

/// <summary>Strict item 6: numbers registered elsewhere are stored in other forms; the emulator compares parsed values.</summary>
public sealed class NumberVariantTests : IAsyncLifetime
{
    private const string Mobile = "3179e48a-750b-4051-897c-87b9720928f7";
    private readonly FakeTimeProvider _time = Clocks.AtEmulatorStart();
    private RunningEmulator _emulator = null!;
    private GraphServiceClient _graph = null!;

    public async Task InitializeAsync()
    {
        _emulator = await TestEmulator.StartIsolatedAsync(_time, _ => { });
        _emulator.Reseed(new DirectorySeed
        {
            Users =
            [
                Seeded("11111111-1111-4111-8111-111111111111", "trunk@contoso.com", "+44 07400123456"),
                Seeded("22222222-2222-4222-8222-222222222222", "nanp@contoso.com", "+1 (425) 555-0100"),
                Seeded("33333333-3333-4333-8333-333333333333", "nospace@contoso.com", "+14255550111"),
                new SeedUser { Id = "44444444-4444-4444-8444-444444444444", UserPrincipalName = "new@contoso.com" },
            ],
        });
        _graph = Clients.Graph(_emulator, _emulator.IssueToken(Clients.AllRoles));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [InlineData("trunk@contoso.com", "+44 07400123456")]
    [InlineData("nanp@contoso.com", "+1 (425) 555-0100")]
    [InlineData("nospace@contoso.com", "+14255550111")]
    public async Task A_seeded_number_in_another_form_is_read_back_exactly_as_stored(string upn, string stored)
    {
        var phone = await _graph.Users[upn].Authentication.PhoneMethods[Mobile].GetAsync();
        Assert.Equal(stored, phone!.PhoneNumber);
    }

    [Fact]
    public async Task The_same_number_in_the_documented_form_is_another_users_sms_number_by_parsed_value()
    {
        var conflict = await Sdk.ErrorOf(() => _graph.Users["new@contoso.com"].Authentication.PhoneMethods.PostAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+44 7400123456", PhoneType = AuthenticationPhoneType.Mobile }));

        Assert.Equal(409, conflict.ResponseStatusCode);
    }

    [Fact]
    public async Task Patching_a_stored_variant_to_its_documented_form_keeps_the_sms_registration()
    {
        await _graph.Users["nanp@contoso.com"].Authentication.PhoneMethods[Mobile].PatchAsync(
            new PhoneAuthenticationMethod { PhoneNumber = "+1 4255550100" });

        var state = _emulator.GetUserState("nanp@contoso.com")!.PhoneMethods.Single();
        Assert.Equal(("+1 4255550100", "ready"), (state.PhoneNumber, state.SmsSignInState));
    }

    [Fact]
    public async Task Strict_stores_a_share_of_the_sample_numbers_in_other_forms_with_the_same_value()
    {
        await using var strict = await TestEmulator.StartStrictAsync(_time);
        var seed = EmulatorFixture.SampleSeed();
        var pairs = seed.Users.SelectMany(u => (u.PhoneMethods ?? []).Select(p => (Seeded: p.PhoneNumber,
            Stored: strict.GetUserState(u.Id)!.PhoneMethods.Single(s => s.PhoneType == p.PhoneType).PhoneNumber))).ToList();

        var changed = pairs.Where(p => p.Seeded != p.Stored).ToList();
        Assert.InRange(changed.Count, pairs.Count / 4, pairs.Count - 1);
        Assert.All(changed, p => Assert.Equal(E164(p.Seeded), E164(p.Stored)));
    }

    private static string E164(string number)
    {
        var util = PhoneNumberUtil.GetInstance();
        return util.Format(util.Parse(number, null), PhoneNumberFormat.E164);
    }

    private static SeedUser Seeded(string id, string upn, string number) => new()
    {
        Id = id,
        UserPrincipalName = upn,
        PhoneMethods = [new SeedPhone { PhoneType = "mobile", PhoneNumber = number }],
    };
}

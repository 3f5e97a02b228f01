using System.Text.Json;
using GraphEmulator.Tests.Support;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace GraphEmulator.Tests.Methods;

/// <summary>
/// QR code + PIN (v1.0): the SDK has the models but no request builder, so calls go as RequestInformation through the
/// same client. The image is a real QR code whose content the emulator records per user.
/// </summary>
[Collection(PolicyEmulatorCollection.Name)]
public sealed class QrCodePinTests
{
    private readonly PolicyEmulatorFixture _f;

    public QrCodePinTests(PolicyEmulatorFixture fixture)
    {
        _f = fixture;
        _f.Emulator.Reset();
    }

    private string Url(string user, string rest = "") => $"{_f.Emulator.GraphBaseUrl}/users/{Uri.EscapeDataString(user)}/authentication/qrCodePinMethod{rest}";

    private static string Body(DateTimeOffset start, DateTimeOffset expire, string? pin = null) => JsonSerializer.Serialize(new
    {
        standardQRCode = new { startDateTime = start, expireDateTime = expire },
        pin = pin is null ? null : new { code = pin },
    });

    private Task<QrCodePinAuthenticationMethod?> Put(string user, string body) =>
        _f.Client().SendAsync(GraphCalls.Request(Method.PUT, Url(user), body), QrCodePinAuthenticationMethod.CreateFromDiscriminatorValue);

    [Fact]
    public async Task A_created_method_returns_a_scannable_image_of_the_recorded_content_and_the_pin_once()
    {
        var start = Clocks.EmulatorStart;
        var created = await Put(PolicySeed.Frontline, Body(start, start.AddDays(300)));
        var read = await _f.Client().SendAsync(GraphCalls.Request(Method.GET, Url(PolicySeed.Frontline)),
            QrCodePinAuthenticationMethod.CreateFromDiscriminatorValue);

        var image = created!.StandardQRCode!.Image!;
        var secrets = _f.Emulator.GetQrCodePinSecrets(PolicySeed.Frontline)!;
        var issued = Assert.Single(secrets.QrCodes);
        Assert.Equal(issued.Content, QrDecoder.Decode(image.BinaryValue!));
        Assert.Equal(issued.Content, System.Text.Encoding.UTF8.GetString(image.RawContent!));
        Assert.Contains(PolicySeed.Frontline, issued.Content, StringComparison.Ordinal);
        Assert.Equal(8, created.Pin!.Code!.Length);
        Assert.Equal(secrets.LastPin, created.Pin.Code);
        Assert.True(created.Pin.ForceChangePinNextSignIn);
        Assert.Null(read!.StandardQRCode!.Image);
        Assert.Null(read.Pin!.Code);
        Assert.Equal(1, _f.Emulator.GetStats().Events["qrCodeIssued"]);
    }

    [Fact]
    public async Task A_second_method_is_refused_while_the_first_is_usable_and_allowed_after_delete()
    {
        var start = Clocks.EmulatorStart;
        await Put(PolicySeed.Frontline, Body(start, start.AddDays(30)));

        var second = await Assert.ThrowsAsync<ODataError>(() => Put(PolicySeed.Frontline, Body(start, start.AddDays(30))));
        await _f.Client().SendAsync(Method.DELETE, Url(PolicySeed.Frontline));
        var again = await Put(PolicySeed.Frontline, Body(start, start.AddDays(30)));

        Assert.Equal(400, second.ResponseStatusCode);
        Assert.NotNull(again!.StandardQRCode!.Image);
        Assert.Equal(2, _f.Emulator.GetQrCodePinSecrets(PolicySeed.Frontline)!.QrCodes.Count);
        Assert.Equal(1, _f.Emulator.GetStats().DuplicateCreateAttempts);
    }

    [Theory]
    [InlineData(396, null, "at most 365 days")]
    [InlineData(30, "1234567", "8 to 20 digits")]
    [InlineData(30, "123456789012345678901", "8 to 20 digits")]
    [InlineData(30, "1234abcd", "8 to 20 digits")]
    public async Task Lifetimes_beyond_the_policy_and_pins_outside_8_to_20_digits_are_refused(int days, string? pin, string reason)
    {
        var start = Clocks.EmulatorStart;

        var e = await Assert.ThrowsAsync<ODataError>(() => Put(PolicySeed.Frontline, Body(start, start.AddDays(days), pin)));

        Assert.Equal(400, e.ResponseStatusCode);
        Assert.Contains(reason, e.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_pin_of_the_policy_length_is_kept_and_a_missing_expiry_is_refused()
    {
        var start = Clocks.EmulatorStart;

        var created = await Put(PolicySeed.Frontline, Body(start, start.AddDays(10), "0959978612"));
        var missing = await Assert.ThrowsAsync<ODataError>(() => Put(PolicySeed.Everything,
            JsonSerializer.Serialize(new { standardQRCode = new { startDateTime = start } })));

        Assert.Equal("0959978612", created!.Pin!.Code);
        Assert.Contains("required", missing.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_outside_the_qr_policy_is_refused()
    {
        var start = Clocks.EmulatorStart;

        var e = await Assert.ThrowsAsync<ODataError>(() => Put(PolicySeed.Office, Body(start, start.AddDays(10))));

        Assert.Contains("AuthMethodType [QRCodePin]", e.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_code_lives_one_to_twelve_hours_and_a_pin_reset_issues_a_new_pin()
    {
        var graph = _f.Client();
        var now = Clocks.EmulatorStart;
        var tooLong = await Sdk.StatusOf(() => graph.SendAsync(Method.PATCH, Url(PolicySeed.FrontlineWithQr, "/temporaryQRCode"),
            JsonSerializer.Serialize(new { startDateTime = now, expireDateTime = now.AddHours(13) })));
        var temporary = await graph.SendAsync(Method.PATCH, Url(PolicySeed.FrontlineWithQr, "/temporaryQRCode"),
            JsonSerializer.Serialize(new { startDateTime = now, expireDateTime = now.AddHours(8) }));
        var pin = await graph.SendAsync(Method.PATCH, Url(PolicySeed.FrontlineWithQr, "/pin"), "{}");
        var moved = await graph.SendAsync(Method.PATCH, Url(PolicySeed.FrontlineWithQr, "/standardQRCode"),
            JsonSerializer.Serialize(new { expireDateTime = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) }));

        Assert.Equal(400, tooLong);
        var content = _f.Emulator.GetQrCodePinSecrets(PolicySeed.FrontlineWithQr)!.QrCodes.Single(q => q.Kind == "temporary").Content;
        Assert.Equal(content, QrDecoder.Decode(temporary!.Value.GetProperty("image").GetProperty("binaryValue").GetBytesFromBase64()));
        Assert.Equal(_f.Emulator.GetQrCodePinSecrets(PolicySeed.FrontlineWithQr)!.LastPin, pin!.Value.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, moved!.Value.GetProperty("image").ValueKind);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), _f.Emulator.GetUserState(PolicySeed.FrontlineWithQr)!.QrCodePin!.StandardExpire);
    }
}

using System.Text;
using GraphEmulator.State;
using OtpNet;

namespace GraphEmulator.Tests.State;

/// <summary>The emulator's activation check against RFC 6238's own test vectors (Appendix B; 6-digit codes are their last six digits).</summary>
public sealed class TotpTests
{
    private static readonly byte[] Sha1Secret = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Secret = Encoding.ASCII.GetBytes("12345678901234567890123456789012");

    private static OathDevice Token(string hash) => new()
    {
        Id = "t", SerialNumber = "RFC", Manufacturer = "IETF", Model = "RFC 6238", TimeIntervalInSeconds = 30, HashFunction = hash,
        Secret = hash == "hmacsha256" ? Sha256Secret : Sha1Secret,
    };

    [Theory]
    [InlineData(59L, "94287082", "46119246")]
    [InlineData(1111111109L, "07081804", "68084774")]
    [InlineData(1111111111L, "14050471", "67062674")]
    [InlineData(1234567890L, "89005924", "91819424")]
    [InlineData(2000000000L, "69279037", "90698825")]
    [InlineData(20000000000L, "65353130", "77737706")]
    public void The_rfc_6238_vectors_are_accepted_at_their_time(long unixSeconds, string sha1, string sha256)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.True(TotpCheck.Verify(Token("hmacsha1"), sha1[2..], at));
        Assert.True(TotpCheck.Verify(Token("hmacsha256"), sha256[2..], at));
        Assert.False(TotpCheck.Verify(Token("hmacsha256"), sha1[2..], at));
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void A_code_is_accepted_one_step_either_side_and_no_further(int secondsLater, bool accepted)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1234567890 + 1); // 1 s into the step whose code is 005924

        Assert.Equal(accepted, TotpCheck.Verify(Token("hmacsha1"), "005924", at.AddSeconds(secondsLater)));
    }

    [Fact]
    public void A_base32_secret_is_read_without_regard_to_case_spaces_or_padding()
    {
        Assert.True(TotpCheck.TryParseSecret("gezd gnbv gy3t qojq gezd gnbv gy3t qojq==", out var secret));
        Assert.Equal(Sha1Secret, secret);
        Assert.False(TotpCheck.TryParseSecret("not-base32!", out _));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32Encoding.ToString(Sha1Secret));
    }
}

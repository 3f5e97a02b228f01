using BulkRegistrar.Reading;

namespace BulkRegistrar.Tests.Reading;

public sealed class Utf8ValidatorTests
{
    // "é€😀" is 2 + 3 + 4 bytes: splitting at every position exercises every carry length.
    private static readonly byte[] Sample = "a,é€😀\n"u8.ToArray();

    [Fact]
    public void Valid_text_split_at_any_byte_passes()
    {
        for (var split = 0; split <= Sample.Length; split++)
        {
            var validator = new Utf8Validator();
            validator.Check(Sample.AsSpan(0, split));
            validator.Check(Sample.AsSpan(split));
            validator.Check([]);
        }
    }

    [Fact]
    public void Valid_text_fed_one_byte_at_a_time_passes()
    {
        var validator = new Utf8Validator();
        foreach (var b in Sample)
        {
            validator.Check([b]);
        }

        validator.Check([]);
    }

    [Fact]
    public void Bad_byte_in_the_second_chunk_reports_its_offset_in_the_whole_input()
    {
        var validator = new Utf8Validator();
        validator.Check("abc,"u8);

        var error = Assert.Throws<InvalidUtf8Exception>(() => validator.Check([(byte)'z', (byte)'o', 0xE9, (byte)'\n']));

        Assert.Equal(6, error.Offset);
        Assert.Equal(0xE9, error.Value);
    }

    [Fact]
    public void Character_cut_by_the_end_of_the_input_is_invalid()
    {
        var validator = new Utf8Validator();
        validator.Check([(byte)'a', 0xE2, 0x82]);

        var error = Assert.Throws<InvalidUtf8Exception>(() => validator.Check([]));

        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void Carried_lead_byte_followed_by_ascii_is_invalid()
    {
        var validator = new Utf8Validator();
        validator.Check([(byte)'a', (byte)'b', 0xC3]);

        var error = Assert.Throws<InvalidUtf8Exception>(() => validator.Check("x"u8));

        Assert.Equal(2, error.Offset);
        Assert.Equal(0xC3, error.Value);
    }
}

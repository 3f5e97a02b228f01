using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BulkRegistrar.Reading;

/// <summary>
/// Checks UTF-8 as it streams past, chunk by chunk, with the vectorised
/// <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>: CsvHelper decodes bad bytes to U+FFFD
/// silently, and a UPN or phone number quietly changed is worse than a refused file.
/// A character split across two chunks is carried over to the next one.
/// </summary>
internal sealed class Utf8Validator
{
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private long _carryOffset;
    private long _offset;

    /// <summary>Checks the next chunk of the input; <paramref name="chunk"/> empty means the input ended.</summary>
    /// <exception cref="InvalidUtf8Exception">At the first byte that is not valid UTF-8.</exception>
    public void Check(ReadOnlySpan<byte> chunk)
    {
        var chunkOffset = _offset;
        _offset += chunk.Length;
        var start = 0;
        if (_carryLength > 0)
        {
            start = CompleteCarry(chunk);
            if (start < 0)
            {
                return; // the chunk was too short to complete the character; still carried
            }
        }
        else if (chunk.IsEmpty)
        {
            return;
        }

        var rest = chunk[start..];
        var tail = IncompleteTailLength(rest);
        var whole = rest[..^tail];
        if (!Utf8.IsValid(whole))
        {
            throw Invalid(whole, chunkOffset + start);
        }

        rest[^tail..].CopyTo(_carry);
        _carryLength = tail;
        _carryOffset = chunkOffset + start + whole.Length;
    }

    // Returns where the chunk continues after the carried character, or -1 if still incomplete.
    private int CompleteCarry(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            throw new InvalidUtf8Exception(_carryOffset, _carry[0]); // the input ends inside a character
        }

        Span<byte> buffer = stackalloc byte[4];
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        var taken = Math.Min(4 - _carryLength, chunk.Length);
        chunk[..taken].CopyTo(buffer[_carryLength..]);
        var status = Rune.DecodeFromUtf8(buffer[..(_carryLength + taken)], out _, out var consumed);
        if (status == OperationStatus.NeedMoreData && taken == chunk.Length)
        {
            chunk.CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += chunk.Length;
            return -1;
        }

        if (status != OperationStatus.Done)
        {
            throw new InvalidUtf8Exception(_carryOffset, _carry[0]);
        }

        var start = consumed - _carryLength;
        _carryLength = 0;
        return start;
    }

    // The bytes at the end that begin a multi-byte character the next chunk must finish.
    private static int IncompleteTailLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // continuation byte: look further back for the lead byte
            }

            if (b < 0xC0)
            {
                return 0; // ASCII: nothing pending
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            return needed > back ? back : 0;
        }

        return 0;
    }

    private static InvalidUtf8Exception Invalid(ReadOnlySpan<byte> bytes, long offset)
    {
        var position = 0;
        while (position < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[position..], out _, out var consumed) != OperationStatus.Done)
            {
                break;
            }

            position += consumed;
        }

        return new InvalidUtf8Exception(offset + position, bytes[Math.Min(position, bytes.Length - 1)]);
    }
}

/// <summary>Raised inside the byte stream; the reader turns it into an <see cref="InputFileException"/>.</summary>
internal sealed class InvalidUtf8Exception(long offset, byte value)
    : Exception($"Invalid UTF-8 byte 0x{value:X2} at offset {offset}.")
{
    public long Offset { get; } = offset;

    public byte Value { get; } = value;
}

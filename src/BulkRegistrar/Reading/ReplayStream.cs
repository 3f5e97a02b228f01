namespace BulkRegistrar.Reading;

/// <summary>
/// The UTF-8 bytes CsvHelper reads, with the most recent ones kept so that reading can start again
/// a little further back: at the line after a stray quote, whose record CsvHelper has already
/// consumed (<see cref="RewindTo"/>). Also counts the physical lines of the input as they pass.
/// </summary>
/// <param name="window">How many of the most recent bytes stay available for a rewind: more than
/// the longest record plus what the reader buffers ahead of it.</param>
internal sealed class ReplayStream(Stream inner, int window) : ReadOnlyStream(inner)
{
    private readonly byte[] _kept = new byte[window];
    private int _keptLength; // _kept[0.._keptLength] are the bytes at offsets _keptStart.._highWater
    private long _keptStart;
    private long _highWater; // bytes taken from the Inner stream so far
    private long _position; // the offset of the next byte handed out
    private long _breaks;
    private bool _lastWasCr;
    private bool _textAfterBreak;
    private bool _ended;

    /// <summary>The physical lines of the input (a last line without a line break counts), once it has been read to the end.</summary>
    public long? Lines => _ended ? _breaks + (_textAfterBreak ? 1 : 0) : null;

    /// <summary>Line breaks seen so far: the number of the line being read, minus one.</summary>
    public long BreaksSoFar => _breaks;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Makes <paramref name="offset"/> the next byte to read; false when it is no longer kept.</summary>
    public bool RewindTo(long offset)
    {
        if (offset < _keptStart || offset > _highWater)
        {
            return false;
        }

        _position = offset;
        return true;
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _highWater)
        {
            // Replaying after a rewind.
            var from = (int)(_position - _keptStart);
            var n = Math.Min(buffer.Length, _keptLength - from);
            _kept.AsSpan(from, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        var read = Inner.Read(buffer);
        Keep(buffer[..read]);
        return read;
    }

    private void Keep(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            _ended = true;
            return;
        }

        Count(chunk);
        _highWater += chunk.Length;
        _position = _highWater;
        if (chunk.Length >= _kept.Length)
        {
            chunk[^_kept.Length..].CopyTo(_kept);
            _keptLength = _kept.Length;
        }
        else
        {
            var overflow = _keptLength + chunk.Length - _kept.Length;
            if (overflow > 0)
            {
                _kept.AsSpan(overflow, _keptLength - overflow).CopyTo(_kept);
                _keptLength -= overflow;
            }

            chunk.CopyTo(_kept.AsSpan(_keptLength));
            _keptLength += chunk.Length;
        }

        _keptStart = _highWater - _keptLength;
    }

    private void Count(ReadOnlySpan<byte> chunk)
    {
        var lf = chunk.Count((byte)'\n');
        var crs = chunk.IndexOf((byte)'\r') < 0 ? 0 : LoneCarriageReturns(chunk);
        if (_lastWasCr && chunk[0] == '\n')
        {
            lf--; // the LF of a CR LF split across two chunks: the CR counted it
        }

        _breaks += lf + crs;
        var last = chunk[^1];
        _lastWasCr = last == '\r';
        _textAfterBreak = last is not ((byte)'\n' or (byte)'\r');
    }

    // CRs that end a line: every CR, minus those followed by the LF that is counted anyway.
    private static int LoneCarriageReturns(ReadOnlySpan<byte> chunk)
    {
        var count = 0;
        for (var i = chunk.IndexOf((byte)'\r'); i >= 0; i = NextCr(chunk, i))
        {
            if (i + 1 >= chunk.Length || chunk[i + 1] != '\n')
            {
                count++; // a CR at the chunk's end counts now; a following LF in the next chunk is discounted there
            }
        }

        return count;
    }

    private static int NextCr(ReadOnlySpan<byte> chunk, int i)
    {
        var next = chunk[(i + 1)..].IndexOf((byte)'\r');
        return next < 0 ? -1 : i + 1 + next;
    }
}

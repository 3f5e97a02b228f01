namespace BulkRegistrar.Reading;

/// <summary>
/// The file as CsvHelper sees it: counts the bytes handed over (for progress) and, for UTF-8
/// input, checks every chunk with a <see cref="Utf8Validator"/> on its way through, so that
/// checking costs no second pass over the file.
/// </summary>
internal sealed class SourceStream(Stream inner, Utf8Validator? validator) : Stream
{
    /// <summary>Bytes read from the file so far (CsvHelper reads ahead in 64 KiB blocks).</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Passed(buffer[..read], buffer.IsEmpty);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Passed(buffer.Span[..read], buffer.IsEmpty);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Passed(ReadOnlySpan<byte> chunk, bool askedForNothing)
    {
        BytesRead += chunk.Length;
        if (!askedForNothing)
        {
            validator?.Check(chunk); // an empty chunk is the end of the input: a split character there is an error
        }
    }
}

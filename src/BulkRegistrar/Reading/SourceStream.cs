namespace BulkRegistrar.Reading;

/// <summary>
/// The file as CsvHelper sees it: counts the bytes handed over (for progress) and, for UTF-8
/// input, checks every chunk with a <see cref="Utf8Validator"/> on its way through, so that
/// checking costs no second pass over the file.
/// </summary>
internal sealed class SourceStream(Stream inner, Utf8Validator? validator) : ReadOnlyStream(inner)
{
    /// <summary>Bytes read from the file so far (CsvHelper reads ahead in 64 KiB blocks).</summary>
    public long BytesRead { get; private set; }

    public override long Length => Inner.Length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        Passed(buffer[..read], buffer.IsEmpty);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Passed(buffer.Span[..read], buffer.IsEmpty);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Passed(ReadOnlySpan<byte> chunk, bool askedForNothing)
    {
        BytesRead += chunk.Length;
        if (!askedForNothing)
        {
            validator?.Check(chunk); // an empty chunk is the end of the input: a split character there is an error
        }
    }
}

using System.Buffers.Binary;

namespace CaseManager.Infrastructure.IntegrationTests.Evidence;

/// <summary>
/// A read-only stream of <c>length</c> pseudo-random bytes generated on the fly (SplitMix64 per 8-byte block),
/// so gigabytes can be uploaded without ever holding them.
/// </summary>
internal sealed class PseudoRandomStream(long length, ulong seed) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        var span = buffer[..count];
        Span<byte> block = stackalloc byte[8];
        var i = 0;
        while (i < span.Length)
        {
            var position = _position + i;
            var inBlock = (int)(position & 7);
            if (inBlock == 0 && span.Length - i >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(span[i..], Block(position >> 3));
                i += 8;
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(block, Block(position >> 3));
                span[i] = block[inBlock];
                i++;
            }
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private ulong Block(long index)
    {
        var z = seed + ((ulong)index * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

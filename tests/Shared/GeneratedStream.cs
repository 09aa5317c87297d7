using System.Security.Cryptography;
using System.Text;

namespace CaseManager.Tests.Shared;

/// <summary>
/// <paramref name="length"/> bytes of a position-dependent pattern (optionally with <paramref name="marker"/> text
/// every MiB), produced on the fly without holding them in memory; what is read is also fed to <paramref name="hash"/>.
/// </summary>
public sealed class GeneratedStream(long start, long length, IncrementalHash? hash = null, string? marker = null) : Stream
{
    private const int MarkerEvery = 1 << 20;
    private readonly byte[] _marker = marker is null ? [] : Encoding.ASCII.GetBytes(marker);
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            var at = start + _position + i;
            var inBlock = (int)(at % MarkerEvery);
            buffer[i] = inBlock < _marker.Length ? _marker[inBlock] : (byte)((at * 2654435761L) >> 13);
        }

        hash?.AppendData(buffer[..n]);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

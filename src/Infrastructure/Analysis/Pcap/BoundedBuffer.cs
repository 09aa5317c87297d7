using System.Buffers;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>A growable byte buffer from the shared pool with a hard size limit (reassembly stays bounded).</summary>
internal sealed class BoundedBuffer(int limit)
{
    private byte[]? _array;

    public int Length { get; private set; }

    public int Limit { get; } = limit;

    public ReadOnlySpan<byte> Span => _array is null ? [] : _array.AsSpan(0, Length);

    /// <summary>Appends as much of <paramref name="data"/> as fits; returns the number of bytes taken.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        var take = Math.Min(data.Length, Limit - Length);
        if (take <= 0)
        {
            return 0;
        }

        if (_array is null || _array.Length < Length + take)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Limit, Math.Max(Length + take, 1024)));
            if (_array is not null)
            {
                _array.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_array);
            }

            _array = bigger;
        }

        data[..take].CopyTo(_array.AsSpan(Length));
        Length += take;
        return take;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes.</summary>
    public void Discard(int count)
    {
        if (_array is null)
        {
            return;
        }

        count = Math.Min(count, Length);
        _array.AsSpan(count, Length - count).CopyTo(_array);
        Length -= count;
    }

    public void Clear() => Length = 0;

    public void Release()
    {
        if (_array is not null)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = null;
        }

        Length = 0;
    }
}

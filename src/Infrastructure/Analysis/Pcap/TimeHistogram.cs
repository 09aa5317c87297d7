using System.Runtime.CompilerServices;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Packets, bytes and new conversations over capture time without knowing the time range in advance: 1 024 bins
/// whose width doubles (merging neighbours) when a packet falls past the last one. At the end the bins are
/// re-cut into equal slices of the capture time (the summary's <c>timeBuckets</c>).
/// </summary>
internal sealed class TimeHistogram
{
    private const int Bins = 1024;

    private readonly long[] _packets = new long[Bins];
    private readonly long[] _bytes = new long[Bins];
    private readonly long[] _conversations = new long[Bins];
    private long _start = long.MinValue;
    private int _shift = 20; // bins of 2^20 ns (about 1 ms), doubled as needed: a shift, not a division, per packet

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddPacket(long nanoseconds, int length)
    {
        var bin = Bin(nanoseconds);
        _packets[bin]++;
        _bytes[bin] += length;
    }

    public void AddConversation(long nanoseconds) => _conversations[Bin(nanoseconds)]++;

    /// <summary>Equal slices of [<paramref name="first"/>, <paramref name="last"/>]: start, conversations, packets, bytes.</summary>
    public List<(long Start, long Conversations, long Packets, long Bytes)> Slices(long first, long last, int count)
    {
        var slices = new List<(long, long, long, long)>(count);
        if (_start == long.MinValue)
        {
            return slices;
        }

        var span = Math.Max(1, last - first);
        var conversations = new long[count];
        var packets = new long[count];
        var bytes = new long[count];
        for (var i = 0; i < Bins; i++)
        {
            if (_packets[i] == 0 && _conversations[i] == 0)
            {
                continue;
            }

            var width = 1L << _shift;
            var middle = _start + (i * width) + (width / 2);
            var slice = (int)Math.Clamp((double)(middle - first) / span * count, 0, count - 1);
            conversations[slice] += _conversations[i];
            packets[slice] += _packets[i];
            bytes[slice] += _bytes[i];
        }

        for (var s = 0; s < count; s++)
        {
            slices.Add((first + (long)((double)span * s / count), conversations[s], packets[s], bytes[s]));
        }

        return slices;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Bin(long nanoseconds)
    {
        if (_start == long.MinValue)
        {
            _start = nanoseconds;
        }

        var offset = nanoseconds - _start;
        if (offset < 0)
        {
            return 0;
        }

        var bin = offset >> _shift;
        while (bin >= Bins)
        {
            Widen();
            bin = offset >> _shift;
        }

        return (int)bin;
    }

    private void Widen()
    {
        for (var i = 0; i < Bins / 2; i++)
        {
            _packets[i] = _packets[2 * i] + _packets[(2 * i) + 1];
            _bytes[i] = _bytes[2 * i] + _bytes[(2 * i) + 1];
            _conversations[i] = _conversations[2 * i] + _conversations[(2 * i) + 1];
        }

        Array.Clear(_packets, Bins / 2, Bins / 2);
        Array.Clear(_bytes, Bins / 2, Bins / 2);
        Array.Clear(_conversations, Bins / 2, Bins / 2);
        _shift++;
    }
}

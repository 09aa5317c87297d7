using System.Buffers;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Bounded IPv4/IPv6 fragment reassembly: datagrams are completed on the frame that brings their last
/// missing piece (as Wireshark reports them). At most <see cref="MaxPending"/> datagrams wait at a time
/// (the oldest is dropped), each at most 64 KiB in at most <see cref="MaxFragmentsPerDatagram"/> pieces;
/// snap-length-cut fragments are not reassembled.
/// </summary>
internal sealed class FragmentReassembler
{
    public const int MaxPending = 1024;
    public const int MaxDatagram = 65_535;
    public const int MaxFragmentsPerDatagram = 256;

    private readonly Dictionary<(IpAddressKey Src, IpAddressKey Dst, uint Id, byte Protocol), Pending> _pending = [];

    /// <summary>Adds a fragment; when it completes a datagram, returns true with a pooled buffer to give back with <see cref="Return"/>.</summary>
    public bool TryAdd(in IpAddressKey src, in IpAddressKey dst, uint id, byte protocol, int offset, bool more, ReadOnlySpan<byte> data, long frame, out byte[] datagram, out int length)
    {
        datagram = [];
        length = 0;
        var end = offset + data.Length;
        if (end > MaxDatagram || (!more && data.IsEmpty && offset == 0))
        {
            return false;
        }

        var key = (src, dst, id, protocol);
        if (!_pending.TryGetValue(key, out var pending))
        {
            if (_pending.Count >= MaxPending)
            {
                var oldest = _pending.MinBy(p => p.Value.LastFrame);
                ArrayPool<byte>.Shared.Return(oldest.Value.Buffer);
                _pending.Remove(oldest.Key);
            }

            pending = new Pending(ArrayPool<byte>.Shared.Rent(MaxDatagram));
            _pending[key] = pending;
        }

        if (pending.Ranges.Count >= MaxFragmentsPerDatagram)
        {
            // Fragment flood (overlaps, tiny pieces): give the datagram up rather than sort ever longer lists.
            _pending.Remove(key);
            ArrayPool<byte>.Shared.Return(pending.Buffer);
            return false;
        }

        data.CopyTo(pending.Buffer.AsSpan(offset));
        pending.Ranges.Add((offset, end));
        pending.LastFrame = frame;
        if (!more)
        {
            pending.Total = end;
        }

        if (pending.Total < 0 || !Covers(pending.Ranges, pending.Total))
        {
            return false;
        }

        _pending.Remove(key);
        datagram = pending.Buffer;
        length = pending.Total;
        return true;
    }

    public static void Return(byte[] datagram) => ArrayPool<byte>.Shared.Return(datagram);

    private static bool Covers(List<(int Start, int End)> ranges, int total)
    {
        ranges.Sort();
        var reached = 0;
        foreach (var (start, end) in ranges)
        {
            if (start > reached)
            {
                return false;
            }

            reached = Math.Max(reached, end);
        }

        return reached >= total;
    }

    private sealed class Pending(byte[] buffer)
    {
        public byte[] Buffer { get; } = buffer;

        public List<(int Start, int End)> Ranges { get; } = [];

        public int Total { get; set; } = -1;

        public long LastFrame { get; set; }
    }
}

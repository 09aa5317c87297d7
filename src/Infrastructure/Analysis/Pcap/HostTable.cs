using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Per-IP packet and byte counters for every address of the capture, and the text form of each address, cached.
/// A flow-heavy capture has hundreds of thousands of addresses, so the table is a compact open-addressing hash over
/// parallel arrays (an address, four counters and a bucket slot: about 64 bytes a host, no object per host) and flows
/// hold a host's index, not a reference.
/// </summary>
internal sealed class HostTable
{
    private const int MaxCachedTexts = 65_536;
    private const int Fields = 4; // packets sent, bytes sent, packets received, bytes received

    private readonly Dictionary<IpAddressKey, string> _addressText = [];
    private int[] _buckets = new int[2048]; // host index + 1; 0 = empty
    private IpAddressKey[] _keys = new IpAddressKey[1024];
    private long[] _counters = new long[1024 * Fields];
    private int _hosts;

    /// <summary>Addresses that sent or received a counted packet (a tunnel's outer endpoints have conversations but no counts).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            for (var i = 0; i < _hosts; i++)
            {
                if (Counted(i))
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// Every counted address with a copy of its counters, in the order the addresses were first seen. A read-only
    /// collection with its count, so LINQ's sorts size their buffer once instead of growing it by doubling.
    /// </summary>
    public IReadOnlyCollection<KeyValuePair<IpAddressKey, HostCounters>> All => new CountedHosts(this);

    /// <summary>Addresses in the table (counted or not).</summary>
    public int Slots => _hosts;

    /// <summary>The index of an address's row, added on first sight.</summary>
    public int Index(in IpAddressKey address)
    {
        var mask = _buckets.Length - 1;
        var slot = Hash(address) & mask;
        while (true)
        {
            var entry = _buckets[slot];
            if (entry == 0)
            {
                return Add(address, slot);
            }

            if (_keys[entry - 1] == address)
            {
                return entry - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    public IpAddressKey Address(int index) => _keys[index];

    public HostCounters Counters(int index)
    {
        var at = index * Fields;
        return new HostCounters(_counters[at], _counters[at + 1], _counters[at + 2], _counters[at + 3]);
    }

    public bool Counted(int index) => _counters[index * Fields] + _counters[(index * Fields) + 2] > 0;

    /// <summary>Counts one packet from <paramref name="sender"/> to <paramref name="receiver"/> (row indexes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Sent(int sender, int receiver, int frameLength)
    {
        var counters = _counters;
        var s = sender * Fields;
        counters[s]++;
        counters[s + 1] += frameLength;
        var r = (receiver * Fields) + 2;
        counters[r]++;
        counters[r + 1] += frameLength;
    }

    public void CountPacket(in IpAddressKey src, in IpAddressKey dst, int frameLength) => Sent(Index(src), Index(dst), frameLength);

    public string Text(IpAddressKey address)
    {
        if (!_addressText.TryGetValue(address, out var text))
        {
            text = address.ToString();
            if (_addressText.Count >= MaxCachedTexts)
            {
                _addressText.Clear(); // a cache, not data: flow-heavy captures have hundreds of thousands of addresses
            }

            _addressText[address] = text;
        }

        return text;
    }

    /// <summary>
    /// The counted rows, busiest first (packets sent and received), ties by the address's text in ordinal order —
    /// the order of the <c>hosts</c> table and list. Sorted on fixed-size keys (an IPv4 address's text fits in 16
    /// bytes), so no string is made per host; only equal 16-byte prefixes of longer (IPv6) texts compare the texts.
    /// </summary>
    public int[] Ordered()
    {
        var keys = new SortKey[Count];
        var n = 0;
        Span<byte> text = stackalloc byte[64];
        Span<byte> prefix = stackalloc byte[16];
        for (var i = 0; i < _hosts; i++)
        {
            if (!Counted(i))
            {
                continue;
            }

            var length = Utf8Text(_keys[i], text);
            prefix.Clear();
            text[..Math.Min(16, length)].CopyTo(prefix);
            var at = i * Fields;
            keys[n++] = new SortKey(_counters[at] + _counters[at + 2], BinaryPrimitives.ReadUInt64BigEndian(prefix),
                BinaryPrimitives.ReadUInt64BigEndian(prefix[8..]), i);
        }

        Array.Sort(keys);
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = keys[i].Index;
        }

        // Rare: two (IPv6) texts with the same first 16 characters and the same packet count.
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && keys[end].SamePrefix(keys[start]))
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((x, y) => string.CompareOrdinal(Text(_keys[x]), Text(_keys[y]))));
            }

            start = end;
        }

        return order;
    }

    private static int Utf8Text(IpAddressKey address, Span<byte> destination)
    {
        if (address.Version == 4)
        {
            var a = (uint)address.Low;
            var written = 0;
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                ((a >> shift) & 0xFF).TryFormat(destination[written..], out var w, default, System.Globalization.CultureInfo.InvariantCulture);
                written += w;
                if (shift > 0)
                {
                    destination[written++] = (byte)'.';
                }
            }

            return written;
        }

        var s = address.ToString();
        return System.Text.Encoding.ASCII.GetBytes(s.AsSpan(0, Math.Min(s.Length, destination.Length)), destination);
    }

    private int Add(in IpAddressKey address, int slot)
    {
        if (_hosts == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _counters, _counters.Length * 2);
        }

        var index = _hosts++;
        _keys[index] = address;
        _buckets[slot] = index + 1;
        if (_hosts * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        return index;
    }

    private void Rehash(int size)
    {
        var buckets = new int[size];
        var mask = size - 1;
        for (var i = 0; i < _hosts; i++)
        {
            var slot = Hash(_keys[i]) & mask;
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            buckets[slot] = i + 1;
        }

        _buckets = buckets;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(in IpAddressKey address)
    {
        var h = (address.Low * 0x9E3779B97F4A7C15UL) ^ ((address.High + address.Version) * 0xC2B2AE3D27D4EB4FUL);
        return (int)(h >> 33);
    }

    /// <summary>The counted rows as a collection (count and copy for LINQ's buffers).</summary>
    private sealed class CountedHosts(HostTable table) : ICollection<KeyValuePair<IpAddressKey, HostCounters>>, IReadOnlyCollection<KeyValuePair<IpAddressKey, HostCounters>>
    {
        private readonly int _count = table.Count;

        public int Count => _count;

        public bool IsReadOnly => true;

        public IEnumerator<KeyValuePair<IpAddressKey, HostCounters>> GetEnumerator()
        {
            for (var i = 0; i < table._hosts; i++)
            {
                if (table.Counted(i))
                {
                    yield return new(table._keys[i], table.Counters(i));
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void CopyTo(KeyValuePair<IpAddressKey, HostCounters>[] array, int arrayIndex)
        {
            ArgumentNullException.ThrowIfNull(array);
            foreach (var entry in this)
            {
                array[arrayIndex++] = entry;
            }
        }

        public bool Contains(KeyValuePair<IpAddressKey, HostCounters> item) => this.Any(e => e.Equals(item));

        public void Add(KeyValuePair<IpAddressKey, HostCounters> item) => throw new NotSupportedException();

        public void Clear() => throw new NotSupportedException();

        public bool Remove(KeyValuePair<IpAddressKey, HostCounters> item) => throw new NotSupportedException();
    }

    private readonly record struct SortKey(long Packets, ulong Text0, ulong Text1, int Index) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            if (Packets != other.Packets)
            {
                return other.Packets.CompareTo(Packets);
            }

            return Text0 != other.Text0 ? Text0.CompareTo(other.Text0) : Text1.CompareTo(other.Text1);
        }

        public bool SamePrefix(SortKey other) => Packets == other.Packets && Text0 == other.Text0 && Text1 == other.Text1;
    }
}

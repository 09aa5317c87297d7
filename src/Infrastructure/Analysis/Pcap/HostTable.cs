using System.Runtime.InteropServices;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Per-IP packet and byte counters (every address of the capture) and the text form of each address, cached.</summary>
internal sealed class HostTable
{
    private const int MaxCachedTexts = 65_536;

    private readonly Dictionary<IpAddressKey, HostCounters> _hosts = new(1024);
    private readonly Dictionary<IpAddressKey, string> _addressText = [];

    /// <summary>Addresses that sent or received a counted packet (a tunnel's outer endpoints have conversations but no counts).</summary>
    public int Count => _hosts.Values.Count(h => h.PacketsSent + h.PacketsReceived > 0);

    public IEnumerable<KeyValuePair<IpAddressKey, HostCounters>> All => _hosts.Where(h => h.Value.PacketsSent + h.Value.PacketsReceived > 0);

    /// <summary>The counters of an address.</summary>
    public HostCounters Host(in IpAddressKey address)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_hosts, address, out _);
        return slot ??= new HostCounters();
    }

    public void CountPacket(in IpAddressKey src, in IpAddressKey dst, int frameLength)
    {
        var s = Host(src);
        s.PacketsSent++;
        s.BytesSent += frameLength;
        var d = Host(dst);
        d.PacketsReceived++;
        d.BytesReceived += frameLength;
    }

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
}

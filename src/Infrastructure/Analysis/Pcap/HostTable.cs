using System.Runtime.InteropServices;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Per-IP packet and byte counters (bounded) and the text form of each address, cached.</summary>
internal sealed class HostTable
{
    public const int MaxHosts = 500_000;

    private readonly Dictionary<IpAddressKey, HostCounters> _hosts = new(1024);
    private readonly Dictionary<IpAddressKey, string> _addressText = [];

    /// <summary>More addresses were seen than the table holds.</summary>
    public bool Capped { get; private set; }

    /// <summary>Addresses that sent or received a counted packet (a tunnel's outer endpoints have conversations but no counts).</summary>
    public int Count => _hosts.Values.Count(h => h.PacketsSent + h.PacketsReceived > 0);

    public IEnumerable<KeyValuePair<IpAddressKey, HostCounters>> All => _hosts.Where(h => h.Value.PacketsSent + h.Value.PacketsReceived > 0);

    /// <summary>The counters of an address, or null once the table is full.</summary>
    public HostCounters? Host(in IpAddressKey address)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_hosts, address, out var exists);
        if (!exists)
        {
            if (_hosts.Count > MaxHosts)
            {
                _hosts.Remove(address);
                Capped = true;
                return null;
            }

            slot = new HostCounters();
        }

        return slot;
    }

    public void CountPacket(in IpAddressKey src, in IpAddressKey dst, int frameLength)
    {
        if (Host(src) is { } s)
        {
            s.PacketsSent++;
            s.BytesSent += frameLength;
        }

        if (Host(dst) is { } d)
        {
            d.PacketsReceived++;
            d.BytesReceived += frameLength;
        }
    }

    public string Text(IpAddressKey address)
    {
        if (!_addressText.TryGetValue(address, out var text))
        {
            text = address.ToString();
            if (_addressText.Count < MaxHosts)
            {
                _addressText[address] = text;
            }
        }

        return text;
    }
}

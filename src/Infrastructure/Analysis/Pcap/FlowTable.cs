using System.Runtime.InteropServices;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The bounded table of open TCP and UDP streams, numbered per protocol in order of first packet as Wireshark's
/// <c>tcp.stream</c>/<c>udp.stream</c>. Large tables are swept for idle streams; a full table closes the least
/// recently active quarter. Every stream leaves through <paramref name="retire"/>.
/// </summary>
internal sealed class FlowTable(Action<Flow> retire)
{
    public const int MaxFlows = 262_144;

    /// <summary>Large flow tables are swept every 65 536 packets for streams idle this many packets.</summary>
    public const int IdleFrames = 2_000_000;
    public const int IdleSweepThreshold = 65_536;

    private readonly Dictionary<FlowKey, Flow?> _flows = new(1024);
    private int _tcpStreams;
    private int _udpStreams;

    /// <summary>Streams closed early to bound memory.</summary>
    public long Evicted { get; private set; }

    public int TcpStreams => _tcpStreams;

    public int UdpStreams => _udpStreams;

    /// <summary>The slot of a key (null when the stream is new); assign the new flow through the reference.</summary>
    public ref Flow? Slot(in FlowKey key) => ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out _);

    public Flow Create(bool tcp, in IpAddressKey src, ushort srcPort, in IpAddressKey dst, ushort dstPort, bool sourceIsLow,
        HostCounters? srcHost, HostCounters? dstHost, CaptureTimestamp time, long frame)
    {
        var stream = tcp ? _tcpStreams++ : _udpStreams++;
        return new Flow(stream, tcp, src, srcPort, dst, dstPort, sourceIsLow)
        {
            HostA = srcHost,
            HostB = dstHost,
            First = time,
            FirstFrame = frame,
        };
    }

    /// <summary>Called before each packet: keeps the table within its bounds.</summary>
    public void Maintain(long frame)
    {
        if (_flows.Count >= MaxFlows)
        {
            Evict(_flows.OrderBy(p => p.Value?.LastFrame ?? 0).Take(_flows.Count / 4).Select(p => p.Key).ToList());
        }
        else if ((frame & 0xFFFF) == 0 && _flows.Count > IdleSweepThreshold)
        {
            var before = frame - IdleFrames;
            Evict(_flows.Where(p => (p.Value?.LastFrame ?? 0) < before).Select(p => p.Key).ToList());
        }
    }

    /// <summary>Retires every open stream, TCP first, in stream order.</summary>
    public void RetireAll()
    {
        foreach (var flow in _flows.Values.OfType<Flow>().OrderBy(f => f.IsTcp ? 0 : 1).ThenBy(f => f.Stream))
        {
            retire(flow);
        }

        _flows.Clear();
    }

    private void Evict(List<FlowKey> victims)
    {
        foreach (var key in victims)
        {
            if (_flows.Remove(key, out var flow) && flow is not null)
            {
                retire(flow);
                Evicted++;
            }
        }
    }
}

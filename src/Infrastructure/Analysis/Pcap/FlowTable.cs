using System.Runtime.InteropServices;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The table of live TCP and UDP streams, numbered per protocol in order of first packet as Wireshark's
/// <c>tcp.stream</c>/<c>udp.stream</c>. There is no cap: a stream leaves memory (through <paramref name="retire"/>,
/// which writes its row to the run's store) when it has ended — a TCP stream closed by RST or by FIN from both sides
/// and then quiet for <see cref="ClosedTimeout"/> — or when it has been inactive for <see cref="IdleTimeout"/>, both
/// measured in capture time (the newest packet time seen), never wall time. A packet of a retired stream starts a new
/// conversation, so the timeouts are longer than any quiet gap inside a stream of the shared test captures (whose
/// truth is Wireshark's, which never ends a stream on time). See docs/analysis-json.md.
/// </summary>
internal sealed class FlowTable(Action<Flow> retire)
{
    /// <summary>A stream without a packet for this long (capture time) is retired: 10 minutes.</summary>
    public static readonly long IdleTimeout = TimeSpan.FromMinutes(10).Ticks * 100;

    /// <summary>A TCP stream ended by RST or FIN both ways is retired after this long without a packet: 2 minutes.</summary>
    public static readonly long ClosedTimeout = TimeSpan.FromMinutes(2).Ticks * 100;

    /// <summary>
    /// The table is swept when the capture clock has moved this far since the last sweep (30 seconds) and at least half
    /// as many packets as there are live streams have passed, so a sweep costs at most two stream visits per packet.
    /// </summary>
    public static readonly long SweepInterval = TimeSpan.FromSeconds(30).Ticks * 100;

    private readonly Dictionary<FlowKey, Flow?> _flows = new(1024);
    private readonly List<KeyValuePair<FlowKey, Flow>> _expired = [];
    private int _tcpStreams;
    private int _udpStreams;
    private long _clock = long.MinValue;
    private long _nextSweep = long.MinValue;
    private long _packetsSinceSweep;

    public int TcpStreams => _tcpStreams;

    public int UdpStreams => _udpStreams;

    /// <summary>Streams in memory now.</summary>
    public int Live => _flows.Count;

    /// <summary>The most streams that were in memory at once.</summary>
    public int PeakLive { get; private set; }

    /// <summary>Streams retired before the end of the capture because they ended or went quiet.</summary>
    public long RetiredEarly { get; private set; }

    /// <summary>The slot of a key (null when the stream is new); assign the new flow through the reference.</summary>
    public ref Flow? Slot(in FlowKey key) => ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out _);

    public Flow Create(bool tcp, in IpAddressKey src, ushort srcPort, in IpAddressKey dst, ushort dstPort, bool sourceIsLow,
        int srcHost, int dstHost, CaptureTimestamp time, long frame)
    {
        var stream = tcp ? _tcpStreams++ : _udpStreams++;
        if (_flows.Count > PeakLive)
        {
            PeakLive = _flows.Count;
        }

        return new Flow(stream, tcp, src, srcPort, dst, dstPort, sourceIsLow)
        {
            HostA = srcHost,
            HostB = dstHost,
            First = time,
            FirstFrame = frame,
        };
    }

    /// <summary>Called before each packet with its time: advances the capture clock and retires ended and quiet streams.</summary>
    public void Maintain(long time)
    {
        _packetsSinceSweep++;
        if (time <= _clock)
        {
            return;
        }

        _clock = time;
        if (time < _nextSweep || _packetsSinceSweep * 2 < _flows.Count)
        {
            return;
        }

        _nextSweep = time + SweepInterval;
        _packetsSinceSweep = 0;
        var idleBefore = time - IdleTimeout;
        var closedBefore = time - ClosedTimeout;
        foreach (var (key, flow) in _flows)
        {
            if (flow is not null)
            {
                var last = flow.Last.TotalNanoseconds;
                if (last < idleBefore || (flow.Ended && last < closedBefore))
                {
                    _expired.Add(new(key, flow));
                }
            }
        }

        if (_expired.Count == 0)
        {
            return;
        }

        // Retire in stream order, so the rows go to the store in the order Wireshark numbers them.
        _expired.Sort((x, y) => Order(x.Value, y.Value));
        foreach (var (key, flow) in _expired)
        {
            _flows.Remove(key);
            retire(flow);
            RetiredEarly++;
        }

        _expired.Clear();
        if (_flows.Count == 0)
        {
            _flows.TrimExcess();
        }
    }

    /// <summary>Retires every open stream, TCP first, in stream order.</summary>
    public void RetireAll()
    {
        var open = _flows.Values.OfType<Flow>().ToList();
        open.Sort(Order);
        foreach (var flow in open)
        {
            retire(flow);
        }

        _flows.Clear();
    }

    private static int Order(Flow x, Flow y) => x.IsTcp != y.IsTcp ? (x.IsTcp ? -1 : 1) : x.Stream.CompareTo(y.Stream);
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The analysis of one capture: the <see cref="PacketDecoder"/> decodes each packet down to TCP/UDP, the
/// <see cref="FlowTable"/> keeps the streams, TCP directions are put in order and the protocol modules
/// (<see cref="ITrafficProtocol"/>) are called for the hooks they claim. Single-threaded; one instance per capture.
/// </summary>
internal sealed class TrafficSession : IPacketSink, ITransportHandler, ITrafficContext
{
    private const int MaxSniffAttempts = 4;

    private readonly PacketDecoder _decoder;
    private readonly FlowTable _flows;
    private readonly HostTable _hosts = new();
    private readonly TimeHistogram _histogram = new();
    private readonly IResultSink _sink;
    private readonly ITrafficProtocol[] _modules;
    private readonly ITrafficProtocol[] _segmentModules;
    private readonly ITrafficProtocol[] _streamModules;
    private readonly ITrafficProtocol[] _datagramModules;
    private readonly ITrafficProtocol[] _retireModules;

    private long _frame;
    private long _bytes;
    private CaptureTimestamp _time;
    private CaptureTimestamp? _first;
    private CaptureTimestamp? _last;

    public TrafficSession(IResultSink sink, bool document = true)
    {
        _sink = sink;
        Document = document;
        _decoder = new PacketDecoder(this);
        _flows = new FlowTable(Retire);
        _modules = TrafficProtocols.Create(_hosts);
        _segmentModules = [.. _modules.Where(m => m.Hooks.HasFlag(TrafficHooks.Segments))];
        _streamModules = [.. _modules.Where(m => m.Hooks.HasFlag(TrafficHooks.Streams))];
        _datagramModules = [.. _modules.Where(m => m.Hooks.HasFlag(TrafficHooks.Datagrams))];
        _retireModules = [.. _modules.Where(m => m.Hooks.HasFlag(TrafficHooks.Retired))];
        foreach (var module in _modules)
        {
            module.Start(this);
        }
    }

    public long Packets => _frame;

    public bool Document { get; }

    public long Frame => _frame;

    public CaptureTimestamp Time => _time;

    public NameTable Names { get; } = new();

    public NameWatch Watch { get; } = new();

    public ThreatTracker Threats { get; } = new();

    public string Text(IpAddressKey address) => _hosts.Text(address);

    public TableWriter Table(ResultTableSchema schema) =>
        new(schema, _sink is NullResultSink ? null : _sink.Table(schema));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnPacket(int linkType, CaptureTimestamp time, int originalLength, ReadOnlySpan<byte> data)
    {
        _frame++;
        _bytes += originalLength;
        _time = time;
        if (_first is null || time < _first.Value)
        {
            _first = time;
        }

        if (_last is null || time > _last.Value)
        {
            _last = time;
        }

        _histogram.AddPacket(time.TotalNanoseconds, originalLength);
        _flows.Maintain(time.TotalNanoseconds);
        _decoder.Decode(linkType, data, originalLength);
    }

    public void OnIcmp(in IpAddressKey src, in IpAddressKey dst)
    {
        Threats.OnIcmp(dst, _time);
    }

    public void CountHosts(in IpAddressKey src, in IpAddressKey dst, int frameLength)
    {
        if (!_decoder.Reassembled)
        {
            _hosts.CountPacket(src, dst, frameLength);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnTcp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> segment, int reported, int frameLength)
    {
        if (segment.Length < 14)
        {
            CountHosts(src, dst, frameLength);
            return;
        }

        var srcPort = BinaryPrimitives.ReadUInt16BigEndian(segment);
        var dstPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
        var seq = BinaryPrimitives.ReadUInt32BigEndian(segment[4..]);
        var ack = BinaryPrimitives.ReadUInt32BigEndian(segment[8..]);
        var headerLength = (segment[12] >> 4) * 4;
        var flags = ((segment[12] & 1) << 8) | segment[13];
        var pureSyn = (flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

        var key = FlowKey.Create(src, dst, srcPort, dstPort, 6, out var sourceIsLow);
        ref var slot = ref _flows.Slot(key);
        var flow = slot;
        var newStream = false;
        if (flow is null)
        {
            flow = slot = NewFlow(true, src, srcPort, dst, dstPort, sourceIsLow);
            newStream = true;
        }
        else if (pureSyn)
        {
            // Wireshark: a SYN whose sequence number differs from the direction's base sequence starts a new stream.
            var fromA0 = sourceIsLow == flow.AIsLow;
            var baseSet = fromA0 ? flow.BaseSetA : flow.BaseSetB;
            var baseSeq = fromA0 ? flow.BaseA : flow.BaseB;
            if (baseSet && seq != baseSeq)
            {
                var old = flow;
                flow = slot = NewFlow(true, src, srcPort, dst, dstPort, sourceIsLow);
                newStream = true;
                Retire(old);
            }
        }

        var fromA = sourceIsLow == flow.AIsLow;
        Count(flow, fromA, frameLength);
        if (pureSyn)
        {
            flow.Syn++;
        }
        else if ((flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack))
        {
            flow.SynAck++;
            Threats.OnSynAck(src, srcPort, dst, _frame);
        }

        if ((flags & TcpFlags.Fin) != 0)
        {
            flow.Fin++;
            if (fromA)
            {
                flow.FinFromA = true;
            }
            else
            {
                flow.FinFromB = true;
            }
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            flow.Rst++;
        }

        Threats.OnTcp(src, dst, dstPort, flags, _time, _frame, newStream || (pureSyn && flow.Syn == 1));

        if (reported < headerLength)
        {
            return;
        }

        if (fromA)
        {
            if (!flow.BaseSetA)
            {
                flow.BaseA = (flags & TcpFlags.Syn) != 0 ? seq : seq - 1;
                flow.BaseSetA = true;
            }

            if (!flow.BaseSetB && (flags & TcpFlags.Ack) != 0)
            {
                flow.BaseB = ack - 1;
                flow.BaseSetB = true;
            }
        }
        else
        {
            if (!flow.BaseSetB)
            {
                flow.BaseB = (flags & TcpFlags.Syn) != 0 ? seq : seq - 1;
                flow.BaseSetB = true;
            }

            if (!flow.BaseSetA && (flags & TcpFlags.Ack) != 0)
            {
                flow.BaseA = ack - 1;
                flow.BaseSetA = true;
            }
        }

        if (headerLength < 20)
        {
            return;
        }

        var segmentLength = reported - headerLength;
        var payload = segment.Length > headerLength ? segment[headerLength..Math.Min(segment.Length, reported)] : [];
        TcpPayload(flow, fromA, seq, flags, segmentLength, payload);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TcpPayload(Flow flow, bool fromA, uint seq, int flags, int segmentLength, ReadOnlySpan<byte> payload)
    {
        if ((flags & TcpFlags.Syn) != 0)
        {
            var synDirection = flow.Direction(fromA);
            synDirection.SequenceKnown = true;
            synDirection.NextSequence = seq + 1;
            if (payload.IsEmpty)
            {
                return;
            }

            seq++;
        }

        if (payload.IsEmpty)
        {
            return;
        }

        // Per-segment content scanners (any port), as the truth tooling does: IRC lines, mining JSON-RPC, FTP USER.
        foreach (var module in _segmentModules)
        {
            module.OnSegment(flow, fromA, payload);
        }

        var direction = flow.Direction(fromA);
        if (!direction.SequenceKnown)
        {
            direction.SequenceKnown = true;
            direction.NextSequence = seq;
        }

        long delta = (int)(seq - direction.NextSequence);
        ReadOnlySpan<byte> fresh;
        var gap = false;
        if (delta == 0)
        {
            fresh = payload;
        }
        else if (delta < 0)
        {
            var skip = -delta;
            if (skip >= segmentLength)
            {
                return; // retransmission of data already delivered
            }

            fresh = skip < payload.Length ? payload[(int)skip..] : [];
        }
        else
        {
            gap = true;
            fresh = payload;
        }

        direction.NextSequence = seq + (uint)segmentLength;
        Deliver(flow, direction, fromA, fresh, delta >= 0, gap);
        if (payload.Length < segmentLength && direction.Consumer is not null)
        {
            direction.Consumer.OnGap(); // snap length cut the segment
        }
    }

    private void Deliver(Flow flow, TcpDirection direction, bool fromA, ReadOnlySpan<byte> data, bool segmentStart, bool gap)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (gap)
        {
            direction.Consumer?.OnGap();
        }

        if (direction.Consumer is null && !direction.Sniffed && segmentStart)
        {
            direction.Consumer = Claim(flow, fromA, data);
            direction.Sniffed = direction.Consumer is not null || ++direction.SniffAttempts >= MaxSniffAttempts;
        }

        if (direction.Consumer is { } consumer)
        {
            consumer.Consume(data, segmentStart, flow, fromA);
            if (consumer.Done)
            {
                consumer.Release();
                direction.Consumer = null;
                direction.Sniffed = true;
            }
        }

        for (var observer = flow.Observers; observer is not null; observer = observer.Next)
        {
            if (observer.WantsData)
            {
                observer.OnData(data, fromA, _frame, _time.TotalNanoseconds);
            }
        }
    }

    private StreamConsumer? Claim(Flow flow, bool fromA, ReadOnlySpan<byte> data)
    {
        foreach (var module in _streamModules)
        {
            if (module.ClaimStream(flow, fromA, data) is { } consumer)
            {
                return consumer;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnUdp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> datagram, int reported, int frameLength)
    {
        if (datagram.Length < 8)
        {
            CountHosts(src, dst, frameLength);
            return;
        }

        var srcPort = BinaryPrimitives.ReadUInt16BigEndian(datagram);
        var dstPort = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        var key = FlowKey.Create(src, dst, srcPort, dstPort, 17, out var sourceIsLow);
        ref var slot = ref _flows.Slot(key);
        var flow = slot;
        if (flow is null)
        {
            flow = slot = NewFlow(false, src, srcPort, dst, dstPort, sourceIsLow);
            Threats.OnConnectionStart(false, src, dst, dstPort, _time);
        }

        var fromA = sourceIsLow == flow.AIsLow;
        Count(flow, fromA, frameLength);
        Threats.OnUdp(dst, _time);
        var end = Math.Min(datagram.Length, length >= 8 ? Math.Min(length, Math.Max(8, reported)) : reported);
        if (end <= 8)
        {
            return;
        }

        var payload = datagram[8..end];
        foreach (var module in _datagramModules)
        {
            if (module.OnDatagram(flow, fromA, srcPort, dstPort, payload))
            {
                return;
            }
        }
    }

    public void OnUdpTunnel(in IpAddressKey src, in IpAddressKey dst, ushort srcPort, ushort dstPort, int frameLength)
    {
        var key = FlowKey.Create(src, dst, srcPort, dstPort, 17, out var sourceIsLow);
        ref var slot = ref _flows.Slot(key);
        var flow = slot;
        if (flow is null)
        {
            flow = slot = NewFlow(false, src, srcPort, dst, dstPort, sourceIsLow);
            Threats.OnConnectionStart(false, src, dst, dstPort, _time);
        }

        Count(flow, sourceIsLow == flow.AIsLow, frameLength, hosts: false);
    }

    private Flow NewFlow(bool tcp, in IpAddressKey src, ushort srcPort, in IpAddressKey dst, ushort dstPort, bool sourceIsLow)
    {
        _histogram.AddConversation(_time.TotalNanoseconds);
        return _flows.Create(tcp, src, srcPort, dst, dstPort, sourceIsLow, _hosts.Index(src), _hosts.Index(dst), _time, _frame);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(Flow flow, bool fromA, int frameLength, bool hosts = true)
    {
        flow.Last = _time;
        flow.LastFrame = _frame;
        hosts &= !_decoder.Reassembled;
        if (fromA)
        {
            flow.PacketsAToB++;
            flow.BytesAToB += frameLength;
            if (hosts)
            {
                _hosts.Sent(flow.HostA, flow.HostB, frameLength);
            }
        }
        else
        {
            flow.PacketsBToA++;
            flow.BytesBToA += frameLength;
            if (hosts)
            {
                _hosts.Sent(flow.HostB, flow.HostA, frameLength);
            }
        }
    }

    private void Retire(Flow flow)
    {
        Threats.OnStreamClosed(flow);
        foreach (var module in _retireModules)
        {
            module.OnFlowRetired(flow);
        }

        flow.ReleaseBuffers();
    }

    /// <summary>Ends the pass: retires every open stream and collects the modules' reports.</summary>
    public TrafficRun Finish(string kind, IReadOnlyList<AnalysisWarning> parserWarnings, IEnumerable<int> linkTypes)
    {
        _flows.RetireAll();
        var report = new TrafficReport();
        report.Warnings.AddRange(parserWarnings);
        if (_decoder.TruncatedHeaders > 0)
        {
            report.Warnings.Add(AnalysisWarning.Of(TrafficWarnings.CutIpHeader, FindingArgument.Of("packets", ArgumentType.Count, _decoder.TruncatedHeaders)));
        }

        if (_decoder.MalformedTunnels > 0)
        {
            report.Warnings.Add(AnalysisWarning.Of(TrafficWarnings.MalformedTunnel, FindingArgument.Of("packets", ArgumentType.Count, _decoder.MalformedTunnels)));
        }

        if (_decoder.DeepTunnels > 0)
        {
            report.Warnings.Add(AnalysisWarning.Of(TrafficWarnings.TunnelTooDeep,
                FindingArgument.Of("packets", ArgumentType.Count, _decoder.DeepTunnels), FindingArgument.Of("max", ArgumentType.Count, PacketDecoder.MaxTunnelDepth)));
        }

        foreach (var module in _modules)
        {
            module.Report(report);
        }

        var ordered = report.Findings.OrderByDescending(f => f.Severity).ToList(); // stable: modules' order within a severity
        report.Findings.Clear();
        report.Findings.AddRange(ordered);
        var summary = new TrafficSummary(kind, _frame, _bytes, _first, _last, [.. linkTypes.Select(LinkLayer.Name)], _decoder.Fragments,
            _hosts, _flows.TcpStreams + _flows.UdpStreams, _flows.TcpStreams, _flows.UdpStreams, report.Counts,
            _first is null ? [] : _histogram.Slices(_first.Value.TotalNanoseconds, _last!.Value.TotalNanoseconds, TrafficSummary.TimeBuckets));
        _sink.Summary(summary.ToJson());
        return new TrafficRun(report, summary);
    }
}

using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The analysis state of one capture: decodes each packet (link, IP, TCP/UDP), keeps the bounded flow table,
/// feeds application parsers and collects records. Single-threaded; one instance per capture.
/// </summary>
internal sealed class TrafficSession : IPacketSink
{
    public const int MaxFlows = 262_144;

    /// <summary>Large flow tables are swept every 65 536 packets for streams idle this many packets.</summary>
    public const int IdleFrames = 2_000_000;
    public const int IdleSweepThreshold = 65_536;
    public const int MaxRecords = 100_000;
    public const int MaxHosts = 500_000;

    private const int MaxSniffAttempts = 4;

    private readonly Dictionary<FlowKey, Flow> _flows = new(1024);
    private readonly Dictionary<IpAddressKey, HostCounters> _hosts = new(1024);
    private readonly Dictionary<IpAddressKey, string> _addressText = [];
    private readonly List<TrafficConversation> _conversations = [];
    private readonly List<DnsMessageRecord> _dns = [];
    private readonly List<HttpRequestRecord> _http = [];
    private readonly List<TlsClientHelloRecord> _tls = [];
    private readonly List<IrcSessionRecord> _irc = [];
    private readonly List<StratumMessageRecord> _stratum = [];
    private readonly HashSet<string> _cappedLists = [];
    private readonly ThreatTracker _threats = new();
    private readonly NameTable _names = new();
    private readonly FragmentReassembler _reassembler = new();
    private readonly HashSet<string> _checkedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Kind, string Zone, long Frame)> _flaggedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _poolEndpoints = new(StringComparer.Ordinal);
    private readonly HashSet<string> _miningLogins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _miningAgents = new(StringComparer.Ordinal);

    private int _tcpStreams;
    private int _udpStreams;
    private long _frame;
    private long _bytes;
    private CaptureTimestamp _time;
    private CaptureTimestamp? _first;
    private CaptureTimestamp? _last;
    private long _fragments;
    private long _truncatedHeaders;
    private long _evictedFlows;
    private bool _hostsCapped;
    private bool _hostsAlreadyCounted;

    public long Packets => _frame;

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

        if (_flows.Count >= MaxFlows)
        {
            EvictLeastRecent();
        }
        else if ((_frame & 0xFFFF) == 0 && _flows.Count > IdleSweepThreshold)
        {
            EvictIdle(_frame - IdleFrames);
        }

        var version = LinkLayer.FindNetwork(linkType, data, out var offset);
        if (version == 0 || offset > data.Length)
        {
            return;
        }

        DecodeIp(data[offset..], version, originalLength, 0);
    }

    private bool DecodeIp(ReadOnlySpan<byte> packet, int version, int frameLength, int depth)
    {
        return version == 4 ? DecodeIpv4(packet, frameLength, depth) : DecodeIpv6(packet, frameLength, depth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DecodeIpv4(ReadOnlySpan<byte> packet, int frameLength, int depth)
    {
        if (packet.Length < 20 || (packet[0] >> 4) != 4)
        {
            _truncatedHeaders++;
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        int total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (total == 0)
        {
            total = packet.Length; // TSO: length left to the NIC
        }

        if (headerLength < 20 || total < headerLength)
        {
            return false;
        }

        if (packet.Length < headerLength)
        {
            _truncatedHeaders++;
            return false;
        }

        var src = IpAddressKey.FromIpv4(packet[12..]);
        var dst = IpAddressKey.FromIpv4(packet[16..]);
        var protocol = packet[9];
        var fragmentField = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        var payload = packet[headerLength..Math.Min(total, packet.Length)];
        var reported = total - headerLength;
        if ((fragmentField & 0x3FFF) != 0)
        {
            Fragment(src, dst, BinaryPrimitives.ReadUInt16BigEndian(packet[4..]), protocol, (fragmentField & 0x1FFF) * 8,
                (fragmentField & 0x2000) != 0, payload, reported, frameLength, depth);
            return true;
        }

        return Transport(protocol, src, dst, payload, reported, frameLength, depth);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool DecodeIpv6(ReadOnlySpan<byte> packet, int frameLength, int depth)
    {
        if (packet.Length < 40 || (packet[0] >> 4) != 6)
        {
            _truncatedHeaders++;
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        var next = packet[6];
        var src = IpAddressKey.FromIpv6(packet[8..]);
        var dst = IpAddressKey.FromIpv6(packet[24..]);
        var end = payloadLength == 0 ? packet.Length : Math.Min(packet.Length, 40 + payloadLength);
        var reported = payloadLength == 0 ? packet.Length - 40 : payloadLength;
        var offset = 40;
        for (var i = 0; i < 8; i++)
        {
            int length;
            switch (next)
            {
                case 0 or 43 or 60 or 135 or 139 or 140:
                    if (offset + 2 > end)
                    {
                        CountHosts(src, dst, frameLength);
                        return true;
                    }

                    length = (packet[offset + 1] + 1) * 8;
                    break;
                case 51:
                    if (offset + 2 > end)
                    {
                        CountHosts(src, dst, frameLength);
                        return true;
                    }

                    length = (packet[offset + 1] + 2) * 4;
                    break;
                case 44:
                    if (offset + 8 > end)
                    {
                        CountHosts(src, dst, frameLength);
                        return true;
                    }

                    var fragmentField = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
                    if ((fragmentField & 0xFFF9) != 0)
                    {
                        Fragment(src, dst, BinaryPrimitives.ReadUInt32BigEndian(packet[(offset + 4)..]), packet[offset], fragmentField & 0xFFF8,
                            (fragmentField & 1) != 0, packet[(offset + 8)..end], reported - 8, frameLength, depth);
                        return true;
                    }

                    length = 8;
                    break;
                default:
                    length = -1;
                    break;
            }

            if (length < 0)
            {
                break;
            }

            next = packet[offset];
            offset += length;
            reported -= length;
        }

        if (offset > end || reported < 0)
        {
            CountHosts(src, dst, frameLength);
            return true;
        }

        return Transport(next, src, dst, packet[offset..end], reported, frameLength, depth);
    }

    /// <summary>Counts the fragment and, when it completes a datagram, analyses the datagram on this frame.</summary>
    private void Fragment(in IpAddressKey src, in IpAddressKey dst, uint id, byte protocol, int offset, bool more,
        ReadOnlySpan<byte> data, int reported, int frameLength, int depth)
    {
        _fragments++;
        CountHosts(src, dst, frameLength);
        if (data.Length != reported || reported < 0
            || !_reassembler.TryAdd(src, dst, id, protocol, offset, more, data, _frame, out var datagram, out var length))
        {
            return;
        }

        _hostsAlreadyCounted = true;
        try
        {
            Transport(protocol, src, dst, datagram.AsSpan(0, length), length, frameLength, depth);
        }
        finally
        {
            _hostsAlreadyCounted = false;
            FragmentReassembler.Return(datagram);
        }
    }

    private bool Transport(byte protocol, in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> payload, int reported, int frameLength, int depth)
    {
        switch (protocol)
        {
            case 6:
                Tcp(src, dst, payload, reported, frameLength);
                return true;
            case 17:
                Udp(src, dst, payload, reported, frameLength);
                return true;
            case 4 when depth < 4:
                if (DecodeIpv4(payload, frameLength, depth + 1))
                {
                    return true;
                }

                break;
            case 41 when depth < 4:
                if (DecodeIpv6(payload, frameLength, depth + 1))
                {
                    return true;
                }

                break;
            case 47 when depth < 4:
                if (Gre(payload, frameLength, depth))
                {
                    return true;
                }

                break;
            case 1 or 58:
                _threats.OnIcmp(dst, _time);
                break;
            default:
                break;
        }

        CountHosts(src, dst, frameLength);
        return true;
    }

    private bool Gre(ReadOnlySpan<byte> gre, int frameLength, int depth)
    {
        if (gre.Length < 4)
        {
            return false;
        }

        var flags = gre[0];
        var type = BinaryPrimitives.ReadUInt16BigEndian(gre[2..]);
        var offset = 4 + ((flags & 0x80) != 0 ? 4 : 0) + ((flags & 0x20) != 0 ? 4 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        if ((gre[1] & 0x07) != 0 || offset > gre.Length)
        {
            return false;
        }

        return type switch
        {
            0x0800 => DecodeIpv4(gre[offset..], frameLength, depth + 1),
            0x86DD => DecodeIpv6(gre[offset..], frameLength, depth + 1),
            _ => false,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Tcp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> segment, int reported, int frameLength)
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
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out _);
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
            _threats.OnSynAck(src, srcPort, dst, _frame);
        }

        if ((flags & TcpFlags.Fin) != 0)
        {
            flow.Fin++;
        }

        if ((flags & TcpFlags.Rst) != 0)
        {
            flow.Rst++;
        }

        _threats.OnTcp(src, dst, dstPort, flags, _time, _frame, newStream || (pureSyn && flow.Syn == 1));

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

        // Per-segment content scanners (any port), as the truth tooling does: IRC lines and mining JSON-RPC.
        if (IrcState.SegmentMayHoldIrc(payload))
        {
            IrcState.TryParseLines(payload, fromA, _frame, ref flow.Irc);
        }

        if (StratumScanner.SegmentMayHoldRpc(payload))
        {
            ScanStratum(flow, fromA, payload);
        }

        if (flow.APort == 21 || flow.BPort == 21)
        {
            ScanFtp(flow, fromA, payload);
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
            direction.Consumer = Sniff(flow, data);
            direction.Sniffed = direction.Consumer is not null || ++direction.SniffAttempts >= MaxSniffAttempts;
        }

        if (direction.Consumer is { } consumer)
        {
            consumer.Consume(data, segmentStart, this, flow, fromA);
            if (consumer.Done)
            {
                consumer.Release();
                direction.Consumer = null;
                direction.Sniffed = true;
            }
        }

        flow.Irc?.AppendTranscript(data, fromA);
    }

    private static StreamConsumer? Sniff(Flow flow, ReadOnlySpan<byte> data)
    {
        if (flow.APort == 53 || flow.BPort == 53)
        {
            return new DnsTcpParser();
        }

        if (TlsClientHelloParser.LooksLikeHandshake(data))
        {
            return new TlsClientHelloParser();
        }

        if (HttpStreamParser.LooksLikeResponse(data))
        {
            return new HttpStreamParser(requests: false);
        }

        if (HttpStreamParser.LooksLikeRequest(data) && HasHttpVersion(data))
        {
            return new HttpStreamParser(requests: true);
        }

        return null;
    }

    /// <summary>The request line (as far as it is in this segment) ends in <c>HTTP/1.x</c>.</summary>
    private static bool HasHttpVersion(ReadOnlySpan<byte> data)
    {
        var newline = data.IndexOf((byte)'\n');
        var line = newline < 0 ? data : data[..newline];
        return line.IndexOf(" HTTP/1."u8) > 0 || newline < 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Udp(in IpAddressKey src, in IpAddressKey dst, ReadOnlySpan<byte> datagram, int reported, int frameLength)
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
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_flows, key, out _);
        var flow = slot;
        if (flow is null)
        {
            flow = slot = NewFlow(false, src, srcPort, dst, dstPort, sourceIsLow);
            _threats.OnConnectionStart(false, src, dst, dstPort, _time);
        }

        var fromA = sourceIsLow == flow.AIsLow;
        Count(flow, fromA, frameLength);
        _threats.OnUdp(dst, _time);
        var end = Math.Min(datagram.Length, length >= 8 ? Math.Min(length, Math.Max(8, reported)) : reported);
        if (end <= 8)
        {
            return;
        }

        var payload = datagram[8..end];
        if (srcPort is 53 or 5353 or 5355 || dstPort is 53 or 5353 or 5355)
        {
            OnDnsMessage(flow, fromA, payload, "udp");
        }
        else if ((srcPort == 1900 || dstPort == 1900) && HttpStreamParser.LooksLikeRequest(payload))
        {
            var parser = new HttpStreamParser(requests: true);
            parser.Consume(payload, true, this, flow, fromA);
            parser.Release();
        }
    }

    private Flow NewFlow(bool tcp, in IpAddressKey src, ushort srcPort, in IpAddressKey dst, ushort dstPort, bool sourceIsLow)
    {
        var stream = tcp ? _tcpStreams++ : _udpStreams++;
        return new Flow(stream, tcp, src, srcPort, dst, dstPort, sourceIsLow)
        {
            HostA = Host(src),
            HostB = Host(dst),
            First = _time,
            FirstFrame = _frame,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Count(Flow flow, bool fromA, int frameLength)
    {
        flow.Last = _time;
        flow.LastFrame = _frame;
        if (_hostsAlreadyCounted)
        {
            if (fromA)
            {
                flow.PacketsAToB++;
                flow.BytesAToB += frameLength;
            }
            else
            {
                flow.PacketsBToA++;
                flow.BytesBToA += frameLength;
            }

            return;
        }

        if (fromA)
        {
            flow.PacketsAToB++;
            flow.BytesAToB += frameLength;
            if (flow.HostA is { } a)
            {
                a.PacketsSent++;
                a.BytesSent += frameLength;
            }

            if (flow.HostB is { } b)
            {
                b.PacketsReceived++;
                b.BytesReceived += frameLength;
            }
        }
        else
        {
            flow.PacketsBToA++;
            flow.BytesBToA += frameLength;
            if (flow.HostB is { } b)
            {
                b.PacketsSent++;
                b.BytesSent += frameLength;
            }

            if (flow.HostA is { } a)
            {
                a.PacketsReceived++;
                a.BytesReceived += frameLength;
            }
        }
    }

    private void CountHosts(in IpAddressKey src, in IpAddressKey dst, int frameLength)
    {
        if (_hostsAlreadyCounted)
        {
            return;
        }

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

    private HostCounters? Host(in IpAddressKey address)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_hosts, address, out var exists);
        if (!exists)
        {
            if (_hosts.Count > MaxHosts)
            {
                _hosts.Remove(address);
                _hostsCapped = true;
                return null;
            }

            slot = new HostCounters();
        }

        return slot;
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

    private bool TryReserve<T>(List<T> list, string name)
    {
        if (list.Count < MaxRecords)
        {
            return true;
        }

        _cappedLists.Add(name);
        return false;
    }

    public void OnDnsMessage(Flow flow, bool fromA, ReadOnlySpan<byte> message, string transport)
    {
        var full = !TryReserve(_dns, "dns");
        if (!DnsMessageParser.TryParse(message, _names, questionsOnly: full, out var dns))
        {
            return;
        }

        foreach (var question in dns.Questions)
        {
            FlagName(question.Name, "DNS query", flow);
        }

        if (full)
        {
            return;
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        _dns.Add(new DnsMessageRecord(_frame, _time, transport, Text(src), srcPort, Text(dst), dstPort, dns.Id, dns.IsResponse,
            dns.IsResponse ? dns.Rcode : null, dns.Questions, dns.Answers));
    }

    public void OnHttpRequest(Flow flow, bool fromA, string method, string uri, string? host, string? userAgent)
    {
        if (host is not null)
        {
            FlagName(StripPort(host), "HTTP Host", flow);
        }

        if (!TryReserve(_http, "http"))
        {
            return;
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        flow.PendingHttp ??= new Queue<(int, string)>();
        if (flow.PendingHttp.Count < 64)
        {
            flow.PendingHttp.Enqueue((_http.Count, method));
        }

        _http.Add(new HttpRequestRecord(_frame, _time, flow.Stream, Text(src), srcPort, Text(dst), dstPort, method, host, uri, userAgent, null));
    }

    /// <summary>Matches a response status to the oldest open request; returns that request's method.</summary>
    public string? OnHttpResponse(Flow flow, bool fromA, int status)
    {
        if (flow.PendingHttp is not { Count: > 0 } pending || status is >= 100 and < 200)
        {
            return null;
        }

        var (index, method) = pending.Dequeue();
        if (index < _http.Count)
        {
            _http[index] = _http[index] with { StatusCode = status };
        }

        return method;
    }

    public void OnHttpAuthorization(Flow flow, bool fromA, string authorization, string? host)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string user;
        try
        {
            var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            user = colon >= 0 ? decoded[..colon] : decoded;
        }
        catch (FormatException)
        {
            user = "(undecodable)";
        }

        var (src, _, dst, dstPort) = Endpoints(flow, fromA);
        _threats.OnCredential("HTTP basic auth", Text(src), $"{host ?? Text(dst)}:{dstPort}", user, flow.Stream, _frame);
    }

    public void OnTlsClientHello(Flow flow, bool fromA, string? sni, string ja3String)
    {
        if (sni is not null)
        {
            FlagName(sni, "TLS SNI", flow);
        }

        if (!TryReserve(_tls, "tls"))
        {
            return;
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        _tls.Add(new TlsClientHelloRecord(_frame, _time, flow.Stream, Text(src), srcPort, Text(dst), dstPort, sni,
            TlsClientHelloParser.Ja3Hash(ja3String), ja3String));
    }

    private void ScanStratum(Flow flow, bool fromA, ReadOnlySpan<byte> payload)
    {
        var messages = StratumScanner.Scan(payload);
        if (messages.Count == 0)
        {
            return;
        }

        var (src, srcPort, dst, dstPort) = Endpoints(flow, fromA);
        foreach (var message in messages)
        {
            flow.Flagged = true;
            if (StratumScanner.IsPoolRequest(message.Method))
            {
                var endpoint = new TrafficEndpoint(Text(dst), dstPort).ToString();
                _poolEndpoints[endpoint] = _poolEndpoints.GetValueOrDefault(endpoint) + 1;
            }

            if (message.Login is { Length: > 0 } login && _miningLogins.Count < 1000)
            {
                _miningLogins.Add(login);
            }

            if (message.Agent is { Length: > 0 } agent && _miningAgents.Count < 100)
            {
                _miningAgents.Add(agent);
            }

            if (TryReserve(_stratum, "stratum"))
            {
                _stratum.Add(new StratumMessageRecord(_frame, _time, flow.Stream, Text(src), srcPort, Text(dst), dstPort,
                    message.Method, message.Login, message.Agent));
            }
        }
    }

    private void ScanFtp(Flow flow, bool fromA, ReadOnlySpan<byte> payload)
    {
        if (!payload.StartsWith("USER "u8) && !payload.StartsWith("user "u8))
        {
            return;
        }

        var line = Encoding.Latin1.GetString(payload[5..]);
        var user = line.Split('\r', '\n')[0].Trim();
        var (src, _, dst, dstPort) = Endpoints(flow, fromA);
        _threats.OnCredential("FTP USER/PASS", Text(src), $"{Text(dst)}:{dstPort}", user, flow.Stream, _frame);
    }

    private void FlagName(string name, string source, Flow flow)
    {
        if (name.Length == 0 || _flaggedNames.Count >= 10_000 || _checkedNames.Contains(name))
        {
            return;
        }

        if (_checkedNames.Count < NameTable.MaxNames)
        {
            _checkedNames.Add(name);
        }

        if (DynamicDnsZones.Match(name) is { } zone)
        {
            _flaggedNames[name] = ("dynamic DNS", $"{zone} ({source})", _frame);
            flow.Flagged = true;
        }
        else if (MiningPoolDomains.Match(name) is { } pool)
        {
            _flaggedNames[name] = ("mining pool", $"{pool} ({source})", _frame);
            flow.Flagged = true;
        }
    }

    private static string StripPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.EndsWith(']') && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }

    private static (IpAddressKey Src, int SrcPort, IpAddressKey Dst, int DstPort) Endpoints(Flow flow, bool fromA) =>
        fromA ? (flow.A, flow.APort, flow.B, flow.BPort) : (flow.B, flow.BPort, flow.A, flow.APort);

    private void Retire(Flow flow)
    {
        _threats.OnStreamClosed(flow);
        if (TryReserve(_conversations, "conversations"))
        {
            _conversations.Add(new TrafficConversation(flow.Stream, flow.IsTcp ? "tcp" : "udp",
                new TrafficEndpoint(Text(flow.A), flow.APort), new TrafficEndpoint(Text(flow.B), flow.BPort),
                flow.PacketsAToB, flow.BytesAToB, flow.PacketsBToA, flow.BytesBToA, flow.First, flow.Last, flow.FirstFrame,
                flow.Syn, flow.SynAck, flow.Fin, flow.Rst));
        }

        if (flow.Irc is { HasNick: true } irc && TryReserve(_irc, "irc"))
        {
            var clientIsA = irc.ClientIsA ?? true;
            var client = clientIsA ? new TrafficEndpoint(Text(flow.A), flow.APort) : new TrafficEndpoint(Text(flow.B), flow.BPort);
            var server = clientIsA ? new TrafficEndpoint(Text(flow.B), flow.BPort) : new TrafficEndpoint(Text(flow.A), flow.APort);
            _irc.Add(new IrcSessionRecord(flow.Stream, client, server, irc.ServerName, irc.Nicks, irc.Users, irc.Channels.ToList(),
                irc.Topics, irc.PrivateMessageCount, irc.Transcript(clientIsA), irc.TranscriptTruncated));
        }

        flow.ReleaseBuffers();
    }

    private void EvictLeastRecent()
    {
        var victims = _flows.OrderBy(p => p.Value.LastFrame).Take(_flows.Count / 4).Select(p => p.Key).ToList();
        foreach (var key in victims)
        {
            if (_flows.Remove(key, out var flow))
            {
                Retire(flow);
                _evictedFlows++;
            }
        }
    }

    private void EvictIdle(long lastFrameBefore)
    {
        var victims = _flows.Where(p => p.Value.LastFrame < lastFrameBefore).Select(p => p.Key).ToList();
        foreach (var key in victims)
        {
            if (_flows.Remove(key, out var flow))
            {
                Retire(flow);
                _evictedFlows++;
            }
        }
    }

    public TrafficAnalysisResult Finish(string kind, IReadOnlyList<string> parserWarnings, IEnumerable<int> linkTypes)
    {
        foreach (var flow in _flows.Values.OrderBy(f => f.IsTcp ? 0 : 1).ThenBy(f => f.Stream))
        {
            Retire(flow);
        }

        _flows.Clear();
        _conversations.Sort((x, y) => x.Protocol != y.Protocol ? string.CompareOrdinal(x.Protocol, y.Protocol) : x.Stream.CompareTo(y.Stream));
        _irc.Sort((x, y) => x.Stream.CompareTo(y.Stream));

        var warnings = new List<string>(parserWarnings);
        if (_truncatedHeaders > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{_truncatedHeaders} packet(s) were cut inside their IP header (snap length) and could not be decoded."));
        }

        if (_evictedFlows > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{_evictedFlows} streams were closed early to bound memory (idle for {IdleFrames} packets in a large flow table, or least recently active when it reached {MaxFlows}); a later packet of such a stream starts a new conversation."));
        }

        foreach (var list in _cappedLists.Order(StringComparer.Ordinal))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"The {list} list was capped at {MaxRecords} entries; counts and findings still cover the whole capture."));
        }

        if (_hostsCapped)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"More than {MaxHosts} IP addresses: the hosts table was capped."));
        }

        var hosts = _hosts
            .OrderByDescending(p => p.Value.PacketsSent + p.Value.PacketsReceived)
            .ThenBy(p => Text(p.Key), StringComparer.Ordinal)
            .Take(MaxRecords)
            .Select(p => new TrafficHostSummary(Text(p.Key), p.Key.IsInternal, p.Value.PacketsSent, p.Value.BytesSent, p.Value.PacketsReceived, p.Value.BytesReceived))
            .ToList();

        var findings = new List<LegacyFinding>();
        var indicators = new IndicatorSet();
        ReportApplicationFindings(findings, indicators);
        _threats.Report(Text, findings, indicators);
        findings.Sort((x, y) => y.Severity.CompareTo(x.Severity));

        return new TrafficAnalysisResult(kind, warnings, _frame, _bytes, _first, _last,
            linkTypes.Select(LinkLayer.Name).ToList(), _fragments, _conversations, hosts, _dns, _http, _tls, _irc, _stratum,
            findings, indicators.Items);
    }

    private void ReportApplicationFindings(List<LegacyFinding> findings, IndicatorSet indicators)
    {
        if (_stratum.Count > 0)
        {
            var methods = string.Join(", ", _stratum.GroupBy(s => s.Method).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}"));
            var pools = string.Join(", ", _poolEndpoints.OrderByDescending(p => p.Value).Select(p => p.Key));
            var logins = string.Join(", ", _miningLogins.Order(StringComparer.Ordinal));
            var agents = string.Join(", ", _miningAgents.Order(StringComparer.Ordinal));
            findings.Add(new LegacyFinding(FindingSeverity.High, "Cryptocurrency mining (stratum / mining JSON-RPC)",
                $"{_stratum.Count} mining messages ({methods}); pool endpoints: {(pools.Length > 0 ? pools : "none seen")}; wallets/workers: {(logins.Length > 0 ? logins : "none seen")}; miner software: {(agents.Length > 0 ? agents : "unknown")}. First frame {_stratum[0].Frame}."));
            foreach (var pool in _poolEndpoints.Keys)
            {
                indicators.Add(IndicatorType.Ip, pool[..pool.LastIndexOf(':')].Trim('[', ']'), $"mining pool endpoint {pool}");
            }

            foreach (var login in _miningLogins)
            {
                // "WALLET.worker" or "WALLET+difficulty": keep the address part when it looks like one.
                var wallet = login.Split('.', '+', '/')[0];
                indicators.Add(IndicatorType.Wallet, wallet.Length >= 26 ? wallet : login, $"mining login {login}");
            }
        }

        foreach (var group in _flaggedNames.GroupBy(p => p.Value.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var names = group.OrderBy(p => p.Value.Frame).ToList();
            var list = string.Join("; ", names.Take(50).Select(p => $"{p.Key} [{p.Value.Zone}, frame {p.Value.Frame}]"));
            var mining = group.Key == "mining pool";
            findings.Add(new LegacyFinding(mining ? FindingSeverity.High : FindingSeverity.Medium,
                mining ? "Known mining-pool domains" : "Dynamic-DNS domains",
                mining
                    ? $"{names.Count} name(s) belong to known mining pools: {list}."
                    : $"{names.Count} name(s) under dynamic-DNS provider zones, often used by malware for command and control: {list}."));
            foreach (var (name, value) in names)
            {
                indicators.Add(IndicatorType.Domain, name.ToLowerInvariant(), $"{group.Key}: {value.Zone}");
            }
        }

        foreach (var session in _irc)
        {
            findings.Add(new LegacyFinding(FindingSeverity.Medium, $"IRC session {session.Client} -> {session.Server}",
                $"Stream {session.Stream}: nicks {string.Join(", ", session.Nicks)}; channels {string.Join(", ", session.Channels)}; server {session.ServerName ?? "unknown"}; {session.PrivateMessages} PRIVMSG line(s), {session.Topics.Count} topic line(s). IRC is a classic botnet command channel; read the transcript."));
            indicators.Add(IndicatorType.Ip, session.Server.Ip, $"IRC server port {session.Server.Port}");
        }

        foreach (var hello in _tls)
        {
            if (hello.Sni is not null && _flaggedNames.ContainsKey(hello.Sni))
            {
                indicators.Add(IndicatorType.Ja3, hello.Ja3, $"TLS client to {hello.Sni}");
            }
        }

        foreach (var request in _http)
        {
            if (request.Host is not null && _flaggedNames.ContainsKey(StripPort(request.Host)))
            {
                indicators.Add(IndicatorType.Url, $"http://{request.Host}{request.Uri}", $"HTTP {request.Method}, frame {request.Frame}");
            }
        }
    }
}

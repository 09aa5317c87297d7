using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Bounded per-source and per-target counters behind the network detections: port scans (SYN fan-out,
/// unanswered SYNs, NULL/FIN/XMAS probes), floods (rate per target), beaconing (regular connection starts),
/// outside hosts reaching internal services and cleartext credentials.
/// </summary>
internal sealed class ThreatTracker
{
    public const int ScanPortThreshold = 20;
    public const int ScanHostThreshold = 20;
    public const int ProbeThreshold = 5;
    public const int FloodMinimum = 100;
    public const int FloodPeakPerSecond = 50;
    public const int FloodSourceThreshold = 20;
    public const int BeaconMinimumConnections = 5;
    public const double BeaconMaxVariation = 0.25;
    public const double BeaconMinimumInterval = 1.0;

    public static readonly FindingDefinition PortScan = new("traffic.scan.ports", FindingSeverity.High, "T1046",
        ["src", "syns", "pairs", "hosts", "ports", "maxPortsPerHost", "maxHostsPerPort", "unanswered"],
        "One source sends SYNs to at least 20 ports of one host or to at least 20 hosts on one port (high from an internal source, medium from outside).");

    public static readonly FindingDefinition StealthScan = new("traffic.scan.stealth", FindingSeverity.High, "T1046",
        ["src", "null", "fin", "xmas", "ports"],
        "One source sends at least 5 TCP segments without ACK that carry no flags, only FIN, or FIN+PSH+URG (nmap -sN/-sF/-sX).");

    public static readonly FindingDefinition SynFlood = new("traffic.flood.syn", FindingSeverity.High, "T1499.001",
        ["target", "syns", "sources", "peak", "peakTime", "synAcks"],
        "One target receives at least 100 SYNs with a peak of at least 50 per second or from at least 20 sources.");

    public static readonly FindingDefinition SynAckReflection = new("traffic.flood.synack-reflection", FindingSeverity.High, "T1498.002",
        ["target", "synAcks", "syns", "peak"],
        "One address receives at least 100 SYN-ACKs and more than twice as many as the SYNs it sent (spoofed SYNs reflected off servers).");

    public static readonly FindingDefinition UdpFlood = new("traffic.flood.udp", FindingSeverity.High, "T1498.001",
        ["target", "datagrams", "peak", "peakTime"],
        "One target receives at least 1,000 UDP datagrams with a peak of at least 500 per second.");

    public static readonly FindingDefinition IcmpFlood = new("traffic.flood.icmp", FindingSeverity.High, "T1498.001",
        ["target", "messages", "peak", "peakTime"],
        "One target receives at least 100 ICMP messages with a peak of at least 50 per second.");

    public static readonly FindingDefinition Beacon = new("traffic.beacon.periodic", FindingSeverity.Medium, "T1071",
        ["src", "dst", "protocol", "connections", "interval", "deviation", "variation", "from", "to"],
        "A source starts at least 5 connections to one destination port with a mean interval of at least 1 s and a coefficient of variation of at most 0.25 (not toward a flooded target).");

    public static readonly FindingDefinition Inbound = new("traffic.inbound.internal-service", FindingSeverity.Medium, "T1133",
        ["server", "connections", "clients"],
        "An internal host answers a TCP SYN from an outside address with SYN-ACK (an internal service reached from outside).");

    public static readonly FindingDefinition Cleartext = new("traffic.credentials.cleartext", FindingSeverity.High, "T1552",
        ["protocol", "client", "server", "user", "stream", "frame"],
        "HTTP Basic authorization or an FTP USER command crosses the network unencrypted (one finding per protocol, server and user; the user is masked).");

    public static readonly FindingDefinition MoreCredentials = new("traffic.credentials.more", FindingSeverity.High, "T1552",
        ["exchanges", "distinct"],
        "More cleartext credential exchanges were seen than distinct ones listed.");

    public static readonly IReadOnlyList<FindingDefinition> Definitions =
        [PortScan, StealthScan, SynFlood, SynAckReflection, UdpFlood, IcmpFlood, Beacon, Inbound, Cleartext, MoreCredentials];

    /// <summary>Detection state per table (sources, targets, connection tuples, servers); keeps the 1 GB flow-heavy run under 300 MB.</summary>
    private const int MaxTracked = 32_768;
    private const int MaxSetSize = 4096;
    private const int MaxBeaconStarts = 4096;

    private readonly Dictionary<IpAddressKey, SourceStats> _sources = [];
    private readonly Dictionary<IpAddressKey, TargetStats> _targets = [];
    private readonly Dictionary<(bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port), BeaconStats> _beacons = new(BeaconKeyComparer.Instance);

    /// <summary>
    /// The tuples of <see cref="_beacons"/> by the time of their first connection (earliest first): the only ones a prune
    /// can forget are those still at one connection, whose last start is that first one. A tuple that gained a second
    /// connection stays in the queue until its time passes and is then skipped.
    /// </summary>
    private readonly PriorityQueue<((bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port) Key, BeaconStats Stats), long> _beaconAges = new();
    private long _beaconsCreated;
    private readonly Dictionary<(IpAddressKey Server, ushort Port), InboundStats> _inbound = [];
    private readonly List<Credential> _credentials = [];
    private int _credentialCount;

    public void OnTcp(in IpAddressKey src, in IpAddressKey dst, ushort dstPort, int flags, CaptureTimestamp time, long frame, bool newStream)
    {
        var syn = (flags & TcpFlags.Syn) != 0;
        var ack = (flags & TcpFlags.Ack) != 0;
        if (syn && !ack)
        {
            var source = Source(src);
            if (source is not null)
            {
                source.Syns++;
                source.Seen(frame, time);
                if (source.Pairs.Count < MaxSetSize)
                {
                    source.Pairs.Add((dst, dstPort));
                }

                if (source.Targets.Count < MaxSetSize)
                {
                    source.Targets.Add(dst);
                }

                source.Ports.Add(dstPort);
            }

            var target = Target(dst);
            if (target is not null)
            {
                target.Syn.Add(time.Seconds);
                if (target.Sources.Count < MaxSetSize)
                {
                    target.Sources.Add(src);
                }

                target.FirstFrame = target.FirstFrame == 0 ? frame : target.FirstFrame;
            }

            if (newStream)
            {
                OnConnectionStart(true, src, dst, dstPort, time);
            }
        }
        else if (syn && ack)
        {
            Target(dst)?.SynAck.Add(time.Seconds);
        }
        else if (!ack)
        {
            var probe = flags & (TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Urg | TcpFlags.Ack);
            var source = probe switch
            {
                0 or TcpFlags.Fin or (TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg) => Source(src),
                _ => null,
            };
            if (source is not null)
            {
                switch (probe)
                {
                    case 0: source.NullProbes++; break;
                    case TcpFlags.Fin: source.FinProbes++; break;
                    default: source.XmasProbes++; break;
                }

                source.Ports.Add(dstPort);
                source.Seen(frame, time);
            }
        }
    }

    /// <summary>An internal host accepted a connection (SYN-ACK) from an outside client.</summary>
    public void OnSynAck(in IpAddressKey server, ushort serverPort, in IpAddressKey client, long frame)
    {
        if (!server.IsInternal || client.IsInternal)
        {
            return;
        }

        if (!_inbound.TryGetValue((server, serverPort), out var stats))
        {
            if (_inbound.Count >= MaxTracked)
            {
                return;
            }

            stats = new InboundStats(frame);
            _inbound[(server, serverPort)] = stats;
        }

        stats.Connections++;
        if (stats.Clients.Count < 64)
        {
            stats.Clients.Add(client);
        }
    }

    public void OnUdp(in IpAddressKey dst, CaptureTimestamp time) => Target(dst)?.Udp.Add(time.Seconds);

    public void OnIcmp(in IpAddressKey dst, CaptureTimestamp time) => Target(dst)?.Icmp.Add(time.Seconds);

    /// <summary>
    /// A full tuple table forgets tuples with a single connection that has been quiet for the flow table's idle timeout
    /// (they cannot be beaconing unless they come back): flow-heavy captures fill it with one-off connections. Only the
    /// stale tuples are visited (from <see cref="_beaconAges"/>), so a full table that has nothing to forget costs
    /// nothing per new connection — scanning the whole table each time made 263,000 concurrent streams quadratic.
    /// </summary>
    private int PruneBeacons(CaptureTimestamp now)
    {
        var before = now.TotalNanoseconds - FlowTable.IdleTimeout;
        var pruned = 0;
        while (_beaconAges.TryPeek(out var entry, out var first) && first < before)
        {
            _beaconAges.Dequeue();
            if (entry.Stats.Connections < 2 && _beacons.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry.Stats))
            {
                _beacons.Remove(entry.Key);
                pruned++;
            }
        }

        return pruned;
    }

    public void OnConnectionStart(bool tcp, in IpAddressKey src, in IpAddressKey dst, ushort dstPort, CaptureTimestamp time)
    {
        var key = (tcp, src, dst, dstPort);
        if (!_beacons.TryGetValue(key, out var stats))
        {
            if (_beacons.Count >= MaxTracked && PruneBeacons(time) == 0)
            {
                return;
            }

            stats = new BeaconStats(_beaconsCreated++);
            _beacons[key] = stats;
            _beaconAges.Enqueue((key, stats), time.TotalNanoseconds);
        }

        stats.Connections++;
        if (stats.Connections == 1)
        {
            stats.First = time;
        }

        stats.Last = time;
        if (stats.Starts.Count < MaxBeaconStarts)
        {
            stats.Starts.Add(time.TotalSeconds);
        }
    }

    public void OnStreamClosed(Flow flow)
    {
        if (flow.IsTcp && flow.Syn > 0 && flow.SynAck == 0 && _sources.TryGetValue(flow.A, out var source))
        {
            source.Unanswered++;
        }
    }

    public void OnCredential(string protocol, string client, string server, string user, int stream, long frame, CaptureTimestamp time)
    {
        _credentialCount++;
        if (_credentials.Count < 100 && !_credentials.Any(c => c.Protocol == protocol && c.Server == server && c.User == user))
        {
            _credentials.Add(new Credential(protocol, client, server, user, stream, frame, time.TotalNanoseconds));
        }
    }

    public void Report(Func<IpAddressKey, string> text, TrafficReport report)
    {
        ReportScans(text, report);
        var floodTargets = ReportFloods(text, report);
        ReportBeacons(text, report, floodTargets);
        ReportInbound(text, report);
        ReportCredentials(report);
    }

    private void ReportScans(Func<IpAddressKey, string> text, TrafficReport report)
    {
        foreach (var (address, s) in _sources.OrderBy(p => text(p.Key), StringComparer.Ordinal))
        {
            var targetsPerPort = s.Pairs.GroupBy(p => p.Port).Max(g => (int?)g.Count()) ?? 0;
            var portsPerTarget = s.Pairs.GroupBy(p => p.Dst).Max(g => (int?)g.Count()) ?? 0;
            var probes = s.NullProbes + s.FinProbes + s.XmasProbes;
            var src = text(address);
            var reference = new EvidenceReference("conversations", src, s.FirstFrame, s.LastFrame, s.FirstTime.TotalNanoseconds, s.LastTime.TotalNanoseconds);
            if (portsPerTarget >= ScanPortThreshold || targetsPerPort >= ScanHostThreshold)
            {
                report.Add(PortScan, [
                    FindingArgument.Of("src", ArgumentType.Ip, src),
                    FindingArgument.Of("syns", ArgumentType.Count, s.Syns),
                    FindingArgument.Of("pairs", ArgumentType.Count, s.Pairs.Count),
                    FindingArgument.Of("hosts", ArgumentType.Count, s.Targets.Count),
                    FindingArgument.Of("ports", ArgumentType.Count, s.Ports.Count),
                    FindingArgument.Of("maxPortsPerHost", ArgumentType.Count, portsPerTarget),
                    FindingArgument.Of("maxHostsPerPort", ArgumentType.Count, targetsPerPort),
                    FindingArgument.Of("unanswered", ArgumentType.Count, s.Unanswered),
                ], reference, address.IsInternal ? FindingSeverity.High : FindingSeverity.Medium);
                report.Indicators.Add(IndicatorType.Ip, src, "port scan source");
            }

            if (probes >= ProbeThreshold)
            {
                report.Add(StealthScan, [
                    FindingArgument.Of("src", ArgumentType.Ip, src),
                    FindingArgument.Of("null", ArgumentType.Count, s.NullProbes),
                    FindingArgument.Of("fin", ArgumentType.Count, s.FinProbes),
                    FindingArgument.Of("xmas", ArgumentType.Count, s.XmasProbes),
                    FindingArgument.Of("ports", ArgumentType.Count, s.Ports.Count),
                ], reference);
                report.Indicators.Add(IndicatorType.Ip, src, "stealth scan source");
            }
        }
    }

    private HashSet<IpAddressKey> ReportFloods(Func<IpAddressKey, string> text, TrafficReport report)
    {
        var flooded = new HashSet<IpAddressKey>();
        foreach (var (address, t) in _targets.OrderBy(p => text(p.Key), StringComparer.Ordinal))
        {
            var target = text(address);
            var reference = new EvidenceReference("conversations", target, t.FirstFrame == 0 ? null : t.FirstFrame);
            if (t.Syn.Total >= FloodMinimum && (t.Syn.PeakPerSecond >= FloodPeakPerSecond || t.Sources.Count >= FloodSourceThreshold))
            {
                flooded.Add(address);
                report.Add(SynFlood, [
                    FindingArgument.Of("target", ArgumentType.Ip, target),
                    FindingArgument.Of("syns", ArgumentType.Count, t.Syn.Total),
                    FindingArgument.Of("sources", ArgumentType.Count, t.Sources.Count),
                    FindingArgument.Of("peak", ArgumentType.Count, t.Syn.PeakPerSecond),
                    FindingArgument.Of("peakTime", ArgumentType.Time, t.Syn.PeakSecond * 1_000_000_000L),
                    FindingArgument.Of("synAcks", ArgumentType.Count, t.SynAck.Total),
                ], reference);
            }

            if (t.SynAck.Total >= FloodMinimum && t.SynAck.Total > 2 * Math.Max(1, t.Syn.Total))
            {
                flooded.Add(address);
                report.Add(SynAckReflection, [
                    FindingArgument.Of("target", ArgumentType.Ip, target),
                    FindingArgument.Of("synAcks", ArgumentType.Count, t.SynAck.Total),
                    FindingArgument.Of("syns", ArgumentType.Count, t.Syn.Total),
                    FindingArgument.Of("peak", ArgumentType.Count, t.SynAck.PeakPerSecond),
                ], reference);
            }

            if (t.Udp.Total >= 10 * FloodMinimum && t.Udp.PeakPerSecond >= 10 * FloodPeakPerSecond)
            {
                flooded.Add(address);
                report.Add(UdpFlood, [
                    FindingArgument.Of("target", ArgumentType.Ip, target),
                    FindingArgument.Of("datagrams", ArgumentType.Count, t.Udp.Total),
                    FindingArgument.Of("peak", ArgumentType.Count, t.Udp.PeakPerSecond),
                    FindingArgument.Of("peakTime", ArgumentType.Time, t.Udp.PeakSecond * 1_000_000_000L),
                ], reference);
            }

            if (t.Icmp.Total >= FloodMinimum && t.Icmp.PeakPerSecond >= FloodPeakPerSecond)
            {
                flooded.Add(address);
                report.Add(IcmpFlood, [
                    FindingArgument.Of("target", ArgumentType.Ip, target),
                    FindingArgument.Of("messages", ArgumentType.Count, t.Icmp.Total),
                    FindingArgument.Of("peak", ArgumentType.Count, t.Icmp.PeakPerSecond),
                    FindingArgument.Of("peakTime", ArgumentType.Time, t.Icmp.PeakSecond * 1_000_000_000L),
                ], new EvidenceReference(null, null, t.FirstFrame == 0 ? null : t.FirstFrame));
            }
        }

        return flooded;
    }

    /// <summary>Regular connection starts; not toward a flooded target (a SYN flood is a flood, not beaconing).</summary>
    private void ReportBeacons(Func<IpAddressKey, string> text, TrafficReport report, HashSet<IpAddressKey> flooded)
    {
        foreach (var ((tcp, src, dst, port), b) in _beacons.OrderBy(p => text(p.Key.Src), StringComparer.Ordinal).ThenBy(p => p.Key.Port).ThenBy(p => p.Value.Sequence))
        {
            if (b.Starts.Count < BeaconMinimumConnections || flooded.Contains(dst))
            {
                continue;
            }

            var starts = b.Starts.Order().ToArray();
            var intervals = starts.Skip(1).Select((s, i) => s - starts[i]).ToArray();
            var mean = intervals.Average();
            if (mean < BeaconMinimumInterval)
            {
                continue;
            }

            var deviation = Math.Sqrt(intervals.Sum(v => (v - mean) * (v - mean)) / intervals.Length);
            var variation = deviation / mean;
            if (variation > BeaconMaxVariation)
            {
                continue;
            }

            var destination = new TrafficEndpoint(text(dst), port).ToString();
            report.Add(Beacon, [
                FindingArgument.Of("src", ArgumentType.Ip, text(src)),
                FindingArgument.Of("dst", ArgumentType.Endpoint, destination),
                FindingArgument.Of("protocol", ArgumentType.Protocol, tcp ? "tcp" : "udp"),
                FindingArgument.Of("connections", ArgumentType.Count, b.Connections),
                FindingArgument.Of("interval", ArgumentType.Number, mean),
                FindingArgument.Of("deviation", ArgumentType.Number, deviation),
                FindingArgument.Of("variation", ArgumentType.Number, variation),
                FindingArgument.Of("from", ArgumentType.Time, b.First.TotalNanoseconds),
                FindingArgument.Of("to", ArgumentType.Time, b.Last.TotalNanoseconds),
            ], new EvidenceReference("conversations", destination, null, null, b.First.TotalNanoseconds, b.Last.TotalNanoseconds));
            report.Indicators.Add(IndicatorType.Ip, text(dst), "beacon destination");
        }
    }

    private void ReportInbound(Func<IpAddressKey, string> text, TrafficReport report)
    {
        foreach (var ((server, port), stats) in _inbound.OrderByDescending(p => p.Value.Connections).ThenBy(p => text(p.Key.Server), StringComparer.Ordinal).Take(50))
        {
            var endpoint = new TrafficEndpoint(text(server), port).ToString();
            report.Add(Inbound, [
                FindingArgument.Of("server", ArgumentType.Endpoint, endpoint),
                FindingArgument.Of("connections", ArgumentType.Count, stats.Connections),
                FindingArgument.List("clients", ArgumentType.Ip, stats.Clients.Select(text)),
            ], new EvidenceReference("conversations", endpoint, stats.FirstFrame));
        }
    }

    private void ReportCredentials(TrafficReport report)
    {
        foreach (var c in _credentials)
        {
            report.Add(Cleartext, [
                FindingArgument.Of("protocol", ArgumentType.Protocol, c.Protocol),
                FindingArgument.Of("client", ArgumentType.Ip, c.Client),
                FindingArgument.Of("server", ArgumentType.Endpoint, c.Server),
                FindingArgument.Of("user", ArgumentType.Account, Mask(c.User)),
                FindingArgument.Of("stream", ArgumentType.Count, c.Stream),
                FindingArgument.Of("frame", ArgumentType.Count, c.Frame),
            ], new EvidenceReference("conversations", c.Server, c.Frame, c.Frame, c.Time, c.Time));
        }

        if (_credentialCount > _credentials.Count)
        {
            report.Add(MoreCredentials, [
                FindingArgument.Of("exchanges", ArgumentType.Count, _credentialCount),
                FindingArgument.Of("distinct", ArgumentType.Count, _credentials.Count),
            ]);
        }
    }

    /// <summary>Shows the first and last character of a user name only.</summary>
    public static string Mask(string value) => value.Length <= 2 ? new string('*', value.Length) : $"{value[0]}{new string('*', value.Length - 2)}{value[^1]}";

    private SourceStats? Source(in IpAddressKey address)
    {
        if (_sources.TryGetValue(address, out var stats))
        {
            return stats;
        }

        if (_sources.Count >= MaxTracked)
        {
            return null;
        }

        stats = new SourceStats();
        _sources[address] = stats;
        return stats;
    }

    private TargetStats? Target(in IpAddressKey address)
    {
        if (_targets.TryGetValue(address, out var stats))
        {
            return stats;
        }

        if (_targets.Count >= MaxTracked)
        {
            return null;
        }

        stats = new TargetStats();
        _targets[address] = stats;
        return stats;
    }

    private sealed class SourceStats
    {
        public int Syns;
        public int Unanswered;
        public int NullProbes;
        public int FinProbes;
        public int XmasProbes;
        public long FirstFrame;
        public long LastFrame;
        public CaptureTimestamp FirstTime;
        public CaptureTimestamp LastTime;
        public readonly HashSet<(IpAddressKey Dst, ushort Port)> Pairs = [];

        public void Seen(long frame, CaptureTimestamp time)
        {
            if (FirstFrame == 0)
            {
                FirstFrame = frame;
                FirstTime = time;
            }

            LastFrame = frame;
            LastTime = time;
        }
        public readonly HashSet<IpAddressKey> Targets = [];
        public readonly HashSet<ushort> Ports = [];
    }

    private sealed class TargetStats
    {
        public RateCounter Syn;
        public RateCounter SynAck;
        public RateCounter Udp;
        public RateCounter Icmp;
        public long FirstFrame;
        public readonly HashSet<IpAddressKey> Sources = [];
    }

    /// <param name="sequence">The order in which the tuple was first seen (ties of the beacon findings' order).</param>
    private sealed class BeaconStats(long sequence)
    {
        public long Sequence { get; } = sequence;
        public int Connections;
        public CaptureTimestamp First;
        public CaptureTimestamp Last;
        public readonly List<double> Starts = [];
    }

    /// <summary>
    /// Equality and a multiplicative hash of a beacon tuple: one lookup per new stream, and the tuple's default hash
    /// combines each part through its own comparer.
    /// </summary>
    private sealed class BeaconKeyComparer : IEqualityComparer<(bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port)>
    {
        public static readonly BeaconKeyComparer Instance = new();

        public bool Equals((bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port) x, (bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port) y) =>
            x.Src.Low == y.Src.Low && x.Dst.Low == y.Dst.Low && x.Port == y.Port && x.Tcp == y.Tcp
            && x.Src.High == y.Src.High && x.Dst.High == y.Dst.High && x.Src.Version == y.Src.Version && x.Dst.Version == y.Dst.Version;

        public int GetHashCode((bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port) key)
        {
            var hash = (key.Src.Low * 0x9E3779B97F4A7C15UL) ^ (key.Dst.Low * 0xC2B2AE3D27D4EB4FUL)
                ^ ((key.Src.High ^ (key.Dst.High << 1)) * 0x165667B19E3779F9UL)
                ^ (((ulong)key.Port << 8) | (key.Tcp ? 1UL : 0UL));
            return (int)(hash ^ (hash >> 32));
        }
    }

    private sealed class InboundStats(long firstFrame)
    {
        public int Connections;
        public long FirstFrame { get; } = firstFrame;
        public readonly HashSet<IpAddressKey> Clients = [];
    }

    private sealed record Credential(string Protocol, string Client, string Server, string User, int Stream, long Frame, long Time);
}

using System.Globalization;
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

    private const int MaxTracked = 100_000;
    private const int MaxSetSize = 4096;
    private const int MaxBeaconStarts = 4096;

    private readonly Dictionary<IpAddressKey, SourceStats> _sources = [];
    private readonly Dictionary<IpAddressKey, TargetStats> _targets = [];
    private readonly Dictionary<(bool Tcp, IpAddressKey Src, IpAddressKey Dst, ushort Port), BeaconStats> _beacons = [];
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

    public void OnConnectionStart(bool tcp, in IpAddressKey src, in IpAddressKey dst, ushort dstPort, CaptureTimestamp time)
    {
        var key = (tcp, src, dst, dstPort);
        if (!_beacons.TryGetValue(key, out var stats))
        {
            if (_beacons.Count >= MaxTracked)
            {
                return;
            }

            stats = new BeaconStats();
            _beacons[key] = stats;
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

    public void OnCredential(string protocol, string client, string server, string user, int stream, long frame)
    {
        _credentialCount++;
        if (_credentials.Count < 100 && !_credentials.Any(c => c.Protocol == protocol && c.Server == server && c.User == user))
        {
            _credentials.Add(new Credential(protocol, client, server, user, stream, frame));
        }
    }

    public void Report(Func<IpAddressKey, string> text, List<LegacyFinding> findings, IndicatorSet indicators)
    {
        ReportScans(text, findings, indicators);
        ReportFloods(text, findings);
        ReportBeacons(text, findings, indicators);
        ReportInbound(text, findings);
        ReportCredentials(findings);
    }

    private void ReportScans(Func<IpAddressKey, string> text, List<LegacyFinding> findings, IndicatorSet indicators)
    {
        foreach (var (address, s) in _sources.OrderBy(p => text(p.Key), StringComparer.Ordinal))
        {
            var targetsPerPort = s.Pairs.GroupBy(p => p.Port).Max(g => (int?)g.Count()) ?? 0;
            var portsPerTarget = s.Pairs.GroupBy(p => p.Dst).Max(g => (int?)g.Count()) ?? 0;
            var probes = s.NullProbes + s.FinProbes + s.XmasProbes;
            if (portsPerTarget >= ScanPortThreshold || targetsPerPort >= ScanHostThreshold)
            {
                var severity = address.IsInternal ? FindingSeverity.High : FindingSeverity.Medium;
                findings.Add(new LegacyFinding(severity, $"Port scan from {text(address)}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{text(address)} sent {s.Syns} SYNs to {s.Pairs.Count} distinct host:port pairs ({s.Targets.Count} hosts, {s.Ports.Count} ports; up to {portsPerTarget} ports on one host, {targetsPerPort} hosts on one port); {s.Unanswered} connection attempts were never answered. Frames {s.FirstFrame}–{s.LastFrame}, {s.FirstTime} to {s.LastTime}.")));
                indicators.Add(IndicatorType.Ip, text(address), "port scan source");
            }

            if (probes >= ProbeThreshold)
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, $"Stealth scan probes (NULL/FIN/XMAS) from {text(address)}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{text(address)} sent {s.NullProbes} NULL, {s.FinProbes} FIN and {s.XmasProbes} XMAS segments without ACK to {s.Ports.Count} ports; such segments only come from scanners (nmap -sN/-sF/-sX). Frames {s.FirstFrame}–{s.LastFrame}, {s.FirstTime} to {s.LastTime}.")));
                indicators.Add(IndicatorType.Ip, text(address), "stealth scan source");
            }
        }
    }

    private void ReportFloods(Func<IpAddressKey, string> text, List<LegacyFinding> findings)
    {
        foreach (var (address, t) in _targets.OrderBy(p => text(p.Key), StringComparer.Ordinal))
        {
            if (t.Syn.Total >= FloodMinimum && (t.Syn.PeakPerSecond >= FloodPeakPerSecond || t.Sources.Count >= FloodSourceThreshold))
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, $"SYN flood against {text(address)}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{t.Syn.Total} SYNs from {t.Sources.Count} sources reached {text(address)} (peak {t.Syn.PeakPerSecond}/s at {new CaptureTimestamp(t.Syn.PeakSecond, 0)}); {text(address)} itself received {t.SynAck.Total} SYN-ACKs. First frame {t.FirstFrame}.")));
            }

            if (t.SynAck.Total >= FloodMinimum && t.SynAck.Total > 2 * Math.Max(1, t.Syn.Total))
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, $"SYN-ACK reflection flood toward {text(address)}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"{text(address)} received {t.SynAck.Total} SYN-ACKs but sent only {t.Syn.Total} SYNs of its own (peak {t.SynAck.PeakPerSecond}/s): spoofed SYNs were reflected off third-party servers.")));
            }

            if (t.Udp.Total >= 10 * FloodMinimum && t.Udp.PeakPerSecond >= 10 * FloodPeakPerSecond)
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, $"UDP flood against {text(address)}",
                    string.Create(CultureInfo.InvariantCulture, $"{t.Udp.Total} UDP datagrams, peak {t.Udp.PeakPerSecond}/s at {new CaptureTimestamp(t.Udp.PeakSecond, 0)}.")));
            }

            if (t.Icmp.Total >= FloodMinimum && t.Icmp.PeakPerSecond >= FloodPeakPerSecond)
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, $"ICMP flood against {text(address)}",
                    string.Create(CultureInfo.InvariantCulture, $"{t.Icmp.Total} ICMP messages, peak {t.Icmp.PeakPerSecond}/s at {new CaptureTimestamp(t.Icmp.PeakSecond, 0)}.")));
            }
        }
    }

    private void ReportBeacons(Func<IpAddressKey, string> text, List<LegacyFinding> findings, IndicatorSet indicators)
    {
        foreach (var ((tcp, src, dst, port), b) in _beacons)
        {
            if (b.Starts.Count < BeaconMinimumConnections)
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

            var protocol = tcp ? "tcp" : "udp";
            findings.Add(new LegacyFinding(FindingSeverity.Medium, $"Beaconing from {text(src)} to {text(dst)}:{port}/{protocol}",
                string.Create(CultureInfo.InvariantCulture,
                    $"{b.Connections} connections every {mean:0.###} s on average (standard deviation {deviation:0.###} s, coefficient of variation {variation:0.###}) from {b.First} to {b.Last}; regular intervals like this are typical of malware checking in with its controller.")));
            indicators.Add(IndicatorType.Ip, text(dst), "beacon destination");
        }
    }

    private void ReportInbound(Func<IpAddressKey, string> text, List<LegacyFinding> findings)
    {
        foreach (var ((server, port), stats) in _inbound.OrderByDescending(p => p.Value.Connections).Take(50))
        {
            var clients = string.Join(", ", stats.Clients.Take(10).Select(text));
            findings.Add(new LegacyFinding(FindingSeverity.Medium, $"Outside hosts reached internal service {text(server)}:{port}",
                string.Create(CultureInfo.InvariantCulture,
                    $"{text(server)} accepted {stats.Connections} TCP connection(s) on port {port} from {stats.Clients.Count} outside address(es): {clients}. First frame {stats.FirstFrame}.")));
        }
    }

    private void ReportCredentials(List<LegacyFinding> findings)
    {
        foreach (var c in _credentials)
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, $"Cleartext credentials ({c.Protocol})",
                string.Create(CultureInfo.InvariantCulture,
                    $"{c.Client} sent {c.Protocol} credentials for user '{Mask(c.User)}' to {c.Server} without encryption (TCP stream {c.Stream}, frame {c.Frame}); the password is not reproduced. Rotate the password.")));
        }

        if (_credentialCount > _credentials.Count)
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, "More cleartext credentials",
                $"{_credentialCount} cleartext credential exchanges in total; only distinct ones are listed."));
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

    private sealed class BeaconStats
    {
        public int Connections;
        public CaptureTimestamp First;
        public CaptureTimestamp Last;
        public readonly List<double> Starts = [];
    }

    private sealed class InboundStats(long firstFrame)
    {
        public int Connections;
        public long FirstFrame { get; } = firstFrame;
        public readonly HashSet<IpAddressKey> Clients = [];
    }

    private sealed record Credential(string Protocol, string Client, string Server, string User, int Stream, long Frame);
}

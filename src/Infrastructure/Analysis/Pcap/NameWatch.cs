using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Checks each distinct name seen in DNS questions, HTTP Host headers and TLS SNI once against the dynamic-DNS
/// zones and mining-pool domains, and reports the matches as <c>traffic.dns.dynamic-dns</c> and
/// <c>traffic.mining.pool-domain</c>.
/// </summary>
internal sealed class NameWatch
{
    public const int MaxFlagged = 10_000;

    public static readonly FindingDefinition DynamicDns = new("traffic.dns.dynamic-dns", FindingSeverity.Medium, "T1568",
        ["domains", "zones", "sources"],
        "A DNS question, HTTP Host header or TLS SNI names a host under a dynamic-DNS provider zone (Analysis/Data/ddns-suffixes.txt).");

    public static readonly FindingDefinition PoolDomain = new("traffic.mining.pool-domain", FindingSeverity.High, "T1496",
        ["domains", "pools", "sources"],
        "A DNS question, HTTP Host header or TLS SNI names a host under a known mining-pool domain (Analysis/Data/mining-pools.txt).");

    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Match> _flagged = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The source a name was seen in, as a finding argument value.</summary>
    public const string Dns = "dns";
    public const string HttpHost = "http";
    public const string TlsSni = "tls";

    /// <summary>Checks a name (once per distinct name); returns true when it is flagged.</summary>
    public bool Check(string name, string source, Flow flow, long frame, long timeNanoseconds)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (_flagged.TryGetValue(name, out var known))
        {
            known.Sources.Add(source);
            flow.Flagged = true;
            return true;
        }

        if (_flagged.Count >= MaxFlagged || _checked.Contains(name))
        {
            return false;
        }

        if (_checked.Count < NameTable.MaxNames)
        {
            _checked.Add(name);
        }

        if (DynamicDnsZones.Match(name) is { } zone)
        {
            _flagged[name] = new Match(false, zone, frame, timeNanoseconds, new SortedSet<string>(StringComparer.Ordinal) { source });
        }
        else if (MiningPoolDomains.Match(name) is { } pool)
        {
            _flagged[name] = new Match(true, pool, frame, timeNanoseconds, new SortedSet<string>(StringComparer.Ordinal) { source });
        }
        else
        {
            return false;
        }

        flow.Flagged = true;
        return true;
    }

    public bool IsFlagged(string name) => _flagged.ContainsKey(name);

    public void Report(TrafficReport report)
    {
        foreach (var mining in new[] { false, true })
        {
            var names = _flagged.Where(p => p.Value.Mining == mining).OrderBy(p => p.Value.Frame).ToList();
            if (names.Count == 0)
            {
                continue;
            }

            var definition = mining ? PoolDomain : DynamicDns;
            report.Add(definition, [
                FindingArgument.List("domains", ArgumentType.Domain, names.Select(p => p.Key)),
                FindingArgument.List(mining ? "pools" : "zones", ArgumentType.Domain, names.Select(p => p.Value.Zone).Distinct(StringComparer.OrdinalIgnoreCase)),
                FindingArgument.List("sources", ArgumentType.Protocol, names.SelectMany(p => p.Value.Sources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            ], new EvidenceReference("dns", names.Count == 1 ? names[0].Key : null, names[0].Value.Frame, names[^1].Value.Frame,
                names.Min(p => p.Value.Time), names.Max(p => p.Value.Time)));
            foreach (var (name, match) in names)
            {
                report.Indicators.Add(IndicatorType.Domain, name.ToLowerInvariant(), $"{(mining ? "mining pool" : "dynamic DNS")}: {match.Zone} ({string.Join(", ", match.Sources)})");
            }
        }
    }

    private sealed record Match(bool Mining, string Zone, long Frame, long Time, SortedSet<string> Sources);
}

using System.Text;
using System.Text.Json;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The run's small summary document (the store keeps it beside the tables): totals, link types, counts per protocol,
/// the ten busiest addresses and <see cref="TimeBuckets"/> equal slices of the capture time.
/// </summary>
internal sealed class TrafficSummary(
    string kind,
    long packets,
    long bytes,
    CaptureTimestamp? firstSeen,
    CaptureTimestamp? lastSeen,
    IReadOnlyList<string> linkTypes,
    long ipFragments,
    HostTable hosts,
    long conversations,
    long tcp,
    long udp,
    IReadOnlyDictionary<string, long> counts,
    IReadOnlyList<(long Start, long Conversations, long Packets, long Bytes)> timeBuckets)
{
    public const int TimeBuckets = 40;
    public const int TopTalkers = 10;

    public string Kind => kind;

    public long Packets => packets;

    public long Bytes => bytes;

    public CaptureTimestamp? FirstSeen => firstSeen;

    public CaptureTimestamp? LastSeen => lastSeen;

    public IReadOnlyList<string> LinkTypes => linkTypes;

    public long IpFragments => ipFragments;

    public long Conversations => conversations;

    public IReadOnlyDictionary<string, long> Counts => counts;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteNumber("packets", packets);
            w.WriteNumber("bytes", bytes);
            WriteTime(w, "firstSeen", firstSeen);
            WriteTime(w, "lastSeen", lastSeen);
            w.WriteStartArray("linkTypes");
            foreach (var linkType in linkTypes)
            {
                w.WriteStringValue(linkType);
            }

            w.WriteEndArray();
            w.WriteNumber("ipFragments", ipFragments);
            w.WriteNumber("hosts", hosts.Count);
            w.WriteNumber("conversations", conversations);
            w.WriteStartObject("counts");
            w.WriteNumber("tcp", tcp);
            w.WriteNumber("udp", udp);
            foreach (var name in (string[])["dns", "http", "tls", "irc", "stratum"])
            {
                w.WriteNumber(name, counts.GetValueOrDefault(name));
            }

            w.WriteEndObject();
            w.WriteStartArray("topTalkers");
            foreach (var (address, counters) in hosts.All
                .OrderByDescending(p => p.Value.BytesSent + p.Value.BytesReceived)
                .ThenBy(p => hosts.Text(p.Key), StringComparer.Ordinal)
                .Take(TopTalkers))
            {
                w.WriteStartObject();
                w.WriteString("ip", hosts.Text(address));
                w.WriteBoolean("internal", address.IsInternal);
                w.WriteNumber("bytes", counters.BytesSent + counters.BytesReceived);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("timeBuckets");
            foreach (var bucket in timeBuckets)
            {
                w.WriteStartObject();
                w.WriteNumber("start", bucket.Start);
                w.WriteNumber("conversations", bucket.Conversations);
                w.WriteNumber("packets", bucket.Packets);
                w.WriteNumber("bytes", bucket.Bytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, CaptureTimestamp? time)
    {
        if (time is { } value)
        {
            w.WriteNumber(name, value.TotalNanoseconds);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// The compact per-address counters of flow-heavy captures: the same counts, order and JSON as the per-object table
/// they replaced (busiest first, ties by the address's text in ordinal order), for IPv4 and IPv6 alike.
/// </summary>
public sealed class HostTableTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static (HostTable Table, Dictionary<IpAddressKey, (long Sent, long BytesSent, long Received, long BytesReceived)> Expected) Fill(int addresses)
    {
        var random = new Random(42);
        var table = new HostTable();
        var keys = new List<IpAddressKey>();
        for (var i = 0; i < addresses; i++)
        {
            // Addresses whose texts share prefixes ("10.1.1.1", "10.1.1.10", "10.1.1.100"), and IPv6 ones with long common prefixes.
            keys.Add(i % 5 == 4
                ? IpAddressKey.FromIpv6(Convert.FromHexString($"20010db8000000000000000000{i:x6}"))
                : new IpAddressKey(0, (uint)((10 << 24) | (1 << 16) | (random.Next(0, 4) << 8) | random.Next(0, 256)) + (uint)(i / 1024 << 10), 4));
        }

        var expected = new Dictionary<IpAddressKey, (long, long, long, long)>();
        for (var packet = 0; packet < addresses * 3; packet++)
        {
            var src = keys[random.Next(keys.Count) % (1 + (packet % keys.Count))];
            var dst = keys[random.Next(keys.Count)];
            var length = random.Next(60, 1500);
            table.CountPacket(src, dst, length);
            var s = expected.GetValueOrDefault(src);
            expected[src] = (s.Item1 + 1, s.Item2 + length, s.Item3, s.Item4);
            var d = expected.GetValueOrDefault(dst);
            expected[dst] = (d.Item1, d.Item2, d.Item3 + 1, d.Item4 + length);
        }

        return (table, expected);
    }

    [Fact]
    public void Counters_order_and_json_equal_a_sort_by_packets_then_text()
    {
        var (table, expected) = Fill(20_000);

        table.Count.ShouldBe(expected.Count);
        foreach (var (address, counters) in table.All)
        {
            counters.ShouldBe(new HostCounters(expected[address].Sent, expected[address].BytesSent, expected[address].Received, expected[address].BytesReceived));
        }

        var reference = expected
            .Select(e => new TrafficHostSummary(e.Key.ToString(), e.Key.IsInternal, e.Value.Sent, e.Value.BytesSent, e.Value.Received, e.Value.BytesReceived))
            .OrderByDescending(h => h.PacketsSent + h.PacketsReceived)
            .ThenBy(h => h.Ip, StringComparer.Ordinal)
            .ToList();
        var list = HostList.Of(table, table.Ordered());
        list.ShouldBeOfType<HostList>();
        list.ToList().ShouldBe(reference);
        list[123].ShouldBe(reference[123]);

        using var output = new MemoryStream();
        ((ISpooledJson)list).WriteJsonElements(output);
        var json = "[" + Encoding.UTF8.GetString(output.ToArray()) + "]";
        json.ShouldBe(JsonSerializer.Serialize(reference, Web));
    }

    [Fact]
    public void A_few_hosts_stay_an_ordinary_list()
    {
        var (table, expected) = Fill(50);

        var list = HostList.Of(table, table.Ordered());

        list.ShouldNotBeOfType<HostList>();
        list.Count.ShouldBe(expected.Count);
        list.Select(h => h.PacketsSent + h.PacketsReceived).ShouldBe(list.Select(h => h.PacketsSent + h.PacketsReceived).OrderDescending());
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(1_454_964_786L, 195_024_000)]
    [InlineData(1_700_000_000L, 999_999_999)]
    [InlineData(-1L, 5)]
    [InlineData(253_402_300_799L, 1)]
    [InlineData(951_782_400L, 42)] // 2000-02-29
    public void Timestamps_are_formatted_as_before_without_datetime_strings(long seconds, int nanoseconds)
    {
        var time = new CaptureTimestamp(seconds, nanoseconds);
        var day = DateTime.UnixEpoch.AddSeconds(seconds);
        var before = string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd'T'HH:mm:ss}.{nanoseconds:D9}Z");

        time.ToString().ShouldBe(before);
        JsonSerializer.Serialize(time, Web).ShouldBe($"\"{before}\"");
    }
}

using System.Text;
using System.Text.Json;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>The result lists without caps: records past the memory limit go to sorted runs on disk and merge back in order.</summary>
public sealed class RecordSpoolTests
{
    private static TrafficConversation Conversation(string protocol, int stream) =>
        new(stream, protocol, new TrafficEndpoint("10.0.0.1", 1), new TrafficEndpoint("10.0.0.2", 2), 1, 60, 0, 0,
            new CaptureTimestamp(1, 0), new CaptureTimestamp(1, 0), stream + 1, 0, 0, 0, 0);

    private static long Key(TrafficConversation c) => ((c.Protocol == "tcp" ? 0L : 1L) << 40) | (uint)c.Stream;

    [Fact]
    public void Spilled_records_come_back_in_key_order_as_objects_and_as_json()
    {
        // Streams retire out of order (as idle streams do); TCP before UDP, each by stream, as the document lists them.
        var order = Enumerable.Range(0, 500).Select(i => (i * 7919) % 500).ToList();
        using var spool = new RecordSpool<TrafficConversation>(TrafficRecordJson.Default.TrafficConversation, Key, memoryLimit: 64);
        foreach (var stream in order)
        {
            spool.Add(Conversation(stream % 3 == 0 ? "udp" : "tcp", stream));
        }

        spool.Complete();

        spool.Spilled.ShouldBeTrue();
        spool.Count.ShouldBe(500);
        var expected = order.Select(s => Conversation(s % 3 == 0 ? "udp" : "tcp", s)).OrderBy(Key).ToList();
        spool.ToList().ShouldBe(expected);
        using var output = new MemoryStream();
        spool.WriteJsonElements(output);
        var json = JsonSerializer.Deserialize("[" + Encoding.UTF8.GetString(output.ToArray()) + "]", TrafficRecordJson.Default.ListTrafficConversation)!;
        json.ShouldBe(expected);
    }

    [Fact]
    public void Unsorted_spool_keeps_the_order_added_and_updates_records_still_in_memory()
    {
        using var spool = new RecordSpool<TrafficConversation>(TrafficRecordJson.Default.TrafficConversation, memoryLimit: 16);
        var first = spool.Add(Conversation("tcp", 0));
        for (var i = 1; i < 100; i++)
        {
            spool.Add(Conversation("tcp", i));
        }

        spool.TryUpdate(first, c => c with { Syn = 1 }).ShouldBeFalse("spilled already");
        spool.TryUpdate(99, c => c with { Syn = 1 }).ShouldBeTrue();
        spool.Select(c => c.Stream).ShouldBe(Enumerable.Range(0, 100));
        spool[99].Syn.ShouldBe(1);
    }
}

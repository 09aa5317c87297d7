using System.Buffers;
using System.Collections;
using System.Text.Json;
using CaseManager.Application.Analysis.Traffic;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// The <c>hosts</c> list of a capture with many addresses, read from the <see cref="HostTable"/> in the table's order
/// instead of holding one record per address: each record is made when it is read or written as JSON.
/// </summary>
internal sealed class HostList(HostTable hosts, int[] order) : IReadOnlyList<TrafficHostSummary>, ISpooledJson
{
    /// <summary>Below this many addresses the list is an ordinary in-memory list.</summary>
    public const int InMemoryLimit = RecordSpool<TrafficHostSummary>.DefaultMemoryLimit;

    private const int ChunkSize = 1 << 20;

    public int Count => order.Length;

    public TrafficHostSummary this[int index] => Record(order[index]);

    /// <summary>The records of <paramref name="hosts"/> in order: a <see cref="HostList"/> when there are many, else a list.</summary>
    public static IReadOnlyList<TrafficHostSummary> Of(HostTable hosts, int[] order) =>
        order.Length > InMemoryLimit ? new HostList(hosts, order) : [.. order.Select(i => Record(hosts, i))];

    public static TrafficHostSummary Record(HostTable hosts, int index)
    {
        var address = hosts.Address(index);
        var c = hosts.Counters(index);
        return new TrafficHostSummary(hosts.Text(address), address.IsInternal, c.PacketsSent, c.BytesSent, c.PacketsReceived, c.BytesReceived);
    }

    public void WriteJsonElements(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var chunk = new ArrayBufferWriter<byte>(ChunkSize + (64 * 1024));
        using var writer = new Utf8JsonWriter(chunk, new JsonWriterOptions { SkipValidation = true });
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0)
            {
                writer.Flush();
                chunk.Write(","u8);
                writer.Reset(chunk);
            }

            JsonSerializer.Serialize(writer, Record(order[i]), TrafficRecordJson.Default.TrafficHostSummary);
            if (chunk.WrittenCount >= ChunkSize)
            {
                writer.Flush();
                output.Write(chunk.WrittenSpan);
                chunk.ResetWrittenCount();
                writer.Reset(chunk);
            }
        }

        writer.Flush();
        output.Write(chunk.WrittenSpan);
    }

    public IEnumerator<TrafficHostSummary> GetEnumerator()
    {
        foreach (var index in order)
        {
            yield return Record(index);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TrafficHostSummary Record(int index) => Record(hosts, index);
}

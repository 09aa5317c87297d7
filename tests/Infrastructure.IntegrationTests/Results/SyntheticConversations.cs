using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.IntegrationTests.Results;

/// <summary>
/// Conversation-shaped rows in the agreed <c>conversations</c> schema, deterministic for a seed: 2,000 internal hosts
/// talking to tens of thousands of external endpoints, mostly UDP, heavy-tailed byte counts (most flows are a few
/// hundred bytes, a few are many megabytes), start times spread over an hour. The benchmark links this file.
/// </summary>
public static class SyntheticConversations
{
    /// <summary>The traffic analyser's <c>conversations</c> table (a test compares the two).</summary>
    public static readonly ResultTableSchema Schema = new("conversations",
    [
        new("protocol", ColumnType.Text), new("a", ColumnType.Text), new("b", ColumnType.Text),
        new("packets_ab", ColumnType.Integer), new("bytes_ab", ColumnType.Bytes), new("packets_ba", ColumnType.Integer), new("bytes_ba", ColumnType.Bytes),
        new("first_seen", ColumnType.Time), new("last_seen", ColumnType.Time), new("stream", ColumnType.Integer, Searchable: false),
    ]);

    public const long Start = 1_700_000_000_000_000_000L;

    public static IEnumerable<object?[]> Rows(int count, int seed = 9)
    {
        var random = new Random(seed);
        var row = new object?[Schema.Columns.Count];
        for (var i = 0; i < count; i++)
        {
            var udp = random.NextDouble() < 0.8;
            var client = $"10.{random.Next(0, 8)}.{random.Next(0, 250)}.{random.Next(1, 255)}:{random.Next(1024, 65535)}";
            var server = $"{random.Next(11, 223)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}:{(udp ? (random.NextDouble() < 0.5 ? 53 : random.Next(1024, 65535)) : (random.NextDouble() < 0.6 ? 443 : 80))}";
            var bytesAb = Skewed(random);
            var bytesBa = Skewed(random);
            var first = Start + (long)(random.NextDouble() * 3_600_000_000_000L);
            row[0] = udp ? "udp" : "tcp";
            row[1] = client;
            row[2] = server;
            row[3] = (bytesAb / 600) + 1;
            row[4] = bytesAb;
            row[5] = (bytesBa / 600) + 1;
            row[6] = bytesBa;
            row[7] = first;
            row[8] = first + (long)(random.NextDouble() * 30_000_000_000L);
            row[9] = (long)i;
            yield return row;
        }
    }

    /// <summary>A Pareto-like byte count: 60 B at least, median about 110 B, a long tail capped at 2 GB.</summary>
    private static long Skewed(Random random) => (long)Math.Min(2e9, 60 / Math.Pow(1 - random.NextDouble(), 1.1));
}

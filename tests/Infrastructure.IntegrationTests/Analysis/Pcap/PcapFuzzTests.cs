using System.Buffers.Binary;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>
/// Mutated real captures (deterministic seeds): bit flips, truncations, absurd length fields and spliced
/// chunks. No exception other than <see cref="UnsupportedCaptureException"/> may leave the analyser, every
/// run finishes (a generous timeout is only a hang guard) and allocation per run stays bounded.
/// </summary>
public sealed class PcapFuzzTests
{
    private const int Iterations = 1000;
    private const long MaxAllocatedBytesPerRun = 96L * 1024 * 1024;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static readonly byte[][] Seeds = TestCaptures.Names().Select(n => File.ReadAllBytes(TestCaptures.PathOf(n))).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Mutated_captures_never_crash_hang_or_balloon(int seed)
    {
        var random = new Random(seed * 7919);
        var unsupported = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(Seeds[random.Next(Seeds.Length)], random);
            var outcome = Run(input);
            outcome.Error.ShouldBeNull($"iteration {i} of seed {seed}");
            outcome.Allocated.ShouldBeLessThan(MaxAllocatedBytesPerRun, $"iteration {i} of seed {seed}");
            if (outcome.Result is null)
            {
                unsupported++;
            }
            else
            {
                outcome.Result.Packets.ShouldBeGreaterThanOrEqualTo(0);
            }
        }

        unsupported.ShouldBeLessThan(Iterations / 2, "most mutations keep the magic number and must be analysed");
    }

    [Theory]
    [MemberData(nameof(PcapTruthTests.Captures), MemberType = typeof(PcapTruthTests))]
    public void Truncated_captures_keep_the_packets_before_the_cut_and_warn(string capture)
    {
        var bytes = File.ReadAllBytes(TestCaptures.PathOf(capture));
        var full = TestCaptures.Analyze(capture);
        var boundaries = RecordBoundaries(bytes);
        var previous = 0L;
        for (var cut = 24; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 40))
        {
            var outcome = Run(bytes[..cut]);
            outcome.Error.ShouldBeNull($"cut at {cut}");
            var result = outcome.Result.ShouldNotBeNull();
            result.Packets.ShouldBeLessThanOrEqualTo(full.Packets);
            result.Packets.ShouldBeGreaterThanOrEqualTo(previous, "a longer prefix never yields fewer packets");
            previous = result.Packets;
            if (!boundaries.Contains(cut))
            {
                result.Warnings.ShouldNotBeEmpty($"cut at {cut} of {bytes.Length}");
            }
            else
            {
                result.Warnings.ShouldBeEmpty($"cut at record boundary {cut}");
            }
        }
    }

    /// <summary>Offsets where a record (pcap) or block (pcapng) ends, up to the first damage.</summary>
    private static HashSet<int> RecordBoundaries(byte[] bytes)
    {
        var boundaries = new HashSet<int>();
        var pcapng = BinaryPrimitives.ReadUInt32LittleEndian(bytes) == 0x0A0D0D0A;
        var bigEndian = pcapng
            ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)) != 0x1A2B3C4D
            : BinaryPrimitives.ReadUInt32LittleEndian(bytes) is 0xD4C3B2A1 or 0x4D3CB2A1;
        uint Read(int at) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
        var offset = pcapng ? 0 : 24;
        boundaries.Add(offset);
        while (offset + (pcapng ? 8 : 16) <= bytes.Length)
        {
            var length = pcapng ? Read(offset + 4) : 16 + Read(offset + 8);
            if (length > 262_144 + 16 || offset + length > bytes.Length)
            {
                break;
            }

            offset += (int)length;
            boundaries.Add(offset);
        }

        return boundaries;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        switch (random.Next(5))
        {
            case 0: // bit flips, mostly after the file header
                for (var n = random.Next(1, 32); n > 0; n--)
                {
                    var at = random.Next(random.Next(10) == 0 ? 0 : Math.Min(24, data.Length - 1), data.Length);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1: // truncation
                return data[..random.Next(0, data.Length)];
            case 2: // absurd length fields at 4-byte aligned spots
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    var at = random.Next(8, Math.Max(9, data.Length - 4)) & ~3;
                    uint[] absurd = [0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 0x00FFFFFF, 0x80000000, (uint)random.Next()];
                    BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(Math.Min(at, data.Length - 4)), absurd[random.Next(absurd.Length)]);
                }

                return data;
            case 3: // random bytes over a range of packet data
                var start = random.Next(24, Math.Max(25, data.Length));
                var length = Math.Min(data.Length - start, random.Next(1, 400));
                if (length > 0)
                {
                    random.NextBytes(data.AsSpan(start, length));
                }

                return data;
            default: // splice: a chunk of the file repeated elsewhere
                var from = random.Next(0, data.Length);
                var count = Math.Min(data.Length - from, random.Next(1, 2000));
                var to = random.Next(0, data.Length);
                return [.. data[..to], .. data.AsSpan(from, count), .. data[to..]];
        }
    }

    private static Outcome Run(byte[] input)
    {
        using var timeout = new CancellationTokenSource(HangGuard);
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                using var stream = new MemoryStream(input);
                var result = new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, timeout.Token).GetAwaiter().GetResult();
                _ = TrafficAnalysisJson.Serialize(result);
                return new Outcome(result, null, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            catch (UnsupportedCaptureException)
            {
                return new Outcome(null, null, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return new Outcome(null, ex, 0);
            }
        });
        task.Wait(HangGuard + TimeSpan.FromSeconds(5)).ShouldBeTrue("analysis did not finish (hang)");
        return task.Result;
    }

    private sealed record Outcome(TrafficAnalysisResult? Result, Exception? Error, long Allocated);
}

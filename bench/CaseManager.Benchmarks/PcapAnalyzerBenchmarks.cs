using BenchmarkDotNet.Attributes;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Infrastructure.Analysis.Pcap;

namespace CaseManager.Benchmarks;

/// <summary>
/// In-process throughput of the traffic analyser over the shared test captures merged into one file
/// (bench/traffic-bench.sh builds it; CASEMANAGER_BENCH_PCAP overrides). The whole-process figures and the
/// tshark comparison come from bench/traffic-bench.sh, recorded in BENCHMARKS.md.
/// </summary>
[MemoryDiagnoser]
public class PcapAnalyzerBenchmarks
{
    private byte[] _capture = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("CASEMANAGER_BENCH_PCAP") ?? "/tmp/casemgr-traffic-bench/base.pcap";
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("Run bench/traffic-bench.sh once (it builds the merged capture) or set CASEMANAGER_BENCH_PCAP.", path);
        }

        _capture = File.ReadAllBytes(path);
    }

    /// <summary>Full analysis: flows, DNS/HTTP/TLS/IRC/stratum, detections and findings.</summary>
    [Benchmark]
    public async Task<long> Analyze()
    {
        using var stream = new MemoryStream(_capture, writable: false);
        var result = await new PcapTrafficAnalyzer().AnalyzeAsync(stream, null, CancellationToken.None);
        return result.Packets;
    }

    /// <summary>The record reader alone (pcap/pcapng framing, no decoding).</summary>
    [Benchmark(Baseline = true)]
    public long ReadRecords()
    {
        var sink = new CountingSink();
        new CaptureFileParser(sink).Parse(_capture, endOfStream: true, out _);
        return sink.Packets;
    }

    private sealed class CountingSink : IPacketSink
    {
        public long Packets { get; private set; }

        public void OnPacket(int linkType, CaptureTimestamp time, int originalLength, ReadOnlySpan<byte> data) => Packets++;
    }
}

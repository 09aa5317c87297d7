using System.Text;
using BenchmarkDotNet.Attributes;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Benchmarks;

/// <summary>
/// In-process strings and analysis throughput on a 64 MiB memory-like buffer (random bytes, zero pages,
/// ASCII and UTF-16LE text). The end-to-end comparison with GNU strings is bench/strings-bench.sh.
/// </summary>
[MemoryDiagnoser]
public class MemoryStringsBenchmarks
{
    private byte[] _data = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var data = new MemoryStream();
        string[] words = ["/etc/security/ntps.conf", "http://sjb555.3322.org/update", "libc.so.6 GLIBC_2.34", "xmrig --donate-level 1", "C:\\Users\\Public\\svchost.exe"];
        var noise = new byte[4096];
        while (data.Length < 64 << 20)
        {
            switch (random.Next(4))
            {
                case 0:
                    random.NextBytes(noise);
                    data.Write(noise);
                    break;
                case 1:
                    data.Write(new byte[4096]);
                    break;
                case 2:
                    for (var i = 0; i < 64; i++)
                    {
                        data.Write(Encoding.ASCII.GetBytes(words[random.Next(words.Length)]));
                        data.Write(new byte[random.Next(1, 16)]);
                    }

                    break;
                default:
                    for (var i = 0; i < 32; i++)
                    {
                        data.Write(Encoding.Unicode.GetBytes(words[random.Next(words.Length)]));
                        data.Write(new byte[random.Next(1, 16)]);
                    }

                    break;
            }
        }

        _data = data.ToArray();
    }

    [Benchmark(Baseline = true)]
    public Task<StringCounts> Ascii() => Extract(StringEncoding.Ascii, new CountingSink());

    [Benchmark]
    public Task<StringCounts> AsciiAndUtf16() => Extract(StringEncoding.Both, new CountingSink());

    [Benchmark]
    public async Task<StringCounts> AsciiAndUtf16GnuFormatted()
    {
        var writer = new GnuStringsWriter(Stream.Null, Stream.Null);
        var counts = await Extract(StringEncoding.Both, writer);
        writer.Flush();
        return counts;
    }

    [Benchmark]
    public async Task<int> AnalyzeRawMemory()
    {
        var result = await new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(_data, writable: false), "bench.bin", null, CancellationToken.None);
        return result.Indicators.Count;
    }

    private Task<StringCounts> Extract(StringEncoding encoding, IStringSink sink) =>
        new StringsExtractor().ExtractAsync(new MemoryStream(_data, writable: false), new StringsOptions(8, encoding), sink, CancellationToken.None);

    private sealed class CountingSink : IStringSink
    {
        public long Characters { get; private set; }

        public void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text) => Characters += text.Length;
    }
}

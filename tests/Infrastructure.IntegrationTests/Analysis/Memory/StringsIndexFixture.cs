using System.Text;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// A generated 24 MiB "dump" dense with strings (ASCII and UTF-16LE at both alignments, strings across 64-byte
/// blocks and 1 MiB read boundaries, long text runs, binary noise), analysed once with a recording sink; the full
/// default listing from a scan from the start is the reference.
/// </summary>
public sealed class StringsIndexFixture : IAsyncLifetime
{
    public const int Size = 24 << 20;

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"casemgr-strings-index-{Guid.NewGuid():N}.mem");

    internal RecordingSink Sink { get; } = new();

    internal MemoryAnalysisResult Result { get; private set; } = null!;

    public List<(long Offset, StringEncoding Encoding, string Text)> Listing { get; } = [];

    public async Task InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path, Generate(Size, seed: 11));
        await using (var input = File.OpenRead(Path))
        {
            Result = await new MemoryAnalyzer().AnalyzeAsync(input, Path, null, Sink, CancellationToken.None);
        }

        await using var again = File.OpenRead(Path);
        await new StringsExtractor().ExtractAsync(again, new StringsOptions(), new ListSink(Listing), CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        File.Delete(Path);
        return Task.CompletedTask;
    }

    public static byte[] Generate(int size, int seed)
    {
        var random = new Random(seed);
        var data = new MemoryStream(size + 8192);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ./:-_\t";
        while (data.Length < size)
        {
            var kind = random.Next(1000);
            if (kind < 450)
            {
                for (var i = random.Next(5, 60); i > 0; i--)
                {
                    data.WriteByte((byte)alphabet[random.Next(alphabet.Length)]);
                }

                data.WriteByte((byte)(random.Next(2) == 0 ? 0 : random.Next(0x80, 0x100)));
            }
            else if (kind < 700)
            {
                if (random.Next(2) == 0)
                {
                    data.WriteByte(0xff); // odd alignment
                }

                for (var i = random.Next(5, 40); i > 0; i--)
                {
                    data.WriteByte((byte)alphabet[random.Next(alphabet.Length)]);
                    data.WriteByte(0);
                }

                data.WriteByte(0xfe);
                data.WriteByte(0xff);
            }
            else if (kind < 996)
            {
                var noise = new byte[random.Next(1, 100)];
                random.NextBytes(noise);
                data.Write(noise);
            }
            else
            {
                var text = new StringBuilder();
                for (var i = random.Next(100, kind == 999 ? 70_000 : 3000); i > 0; i--)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }

                data.Write(Encoding.ASCII.GetBytes(text.ToString()));
                data.WriteByte(1);
            }
        }

        return data.ToArray()[..size];
    }

    internal sealed class ListSink(List<(long, StringEncoding, string)> strings) : IStringSink
    {
        public void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text) =>
            strings.Add((offset, encoding, Encoding.ASCII.GetString(text)));
    }
}

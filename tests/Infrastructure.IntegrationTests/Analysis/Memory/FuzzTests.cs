using System.Globalization;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// Deterministic mutation fuzzing of every format reader: bit flips, extreme length fields in the headers,
/// truncation. Every run must finish (hang guard) with a result; none may throw.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 1000;
    private static readonly uint[] Extremes = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0xffff, 0x10000];

    public static TheoryData<string> Seeds => ["elf-core", "minidump", "pe", "elf"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Mutated_inputs_never_crash_or_hang(string seedName)
    {
        var seed = Seed(seedName);
        var random = new Random(20261128 + seedName.Length);
        var analyzer = new MemoryAnalyzer(bufferSize: 4096);
        var kinds = new HashSet<string>();
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(seed, random);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var sink = new RecordingSink();
            var analysis = Task.Run(() => analyzer.AnalyzeAsync(new MemoryStream(input), "fuzz.bin", null, sink, cts.Token), cts.Token);
            var result = await analysis.WaitAsync(TimeSpan.FromSeconds(30));
            result.Size.ShouldBe(input.Length, $"iteration {i}");
            sink.Tables.Keys.ShouldBe(["mapped_files", "modules", "threads", "strings_index"], ignoreOrder: true);
            sink.SummaryJson.ShouldNotBeNull();
            foreach (var warning in result.Warnings)
            {
                MemoryFindingCatalogue.Instance.Warnings.ShouldContain(warning.Code);
                MemoryText.Warning(warning, CultureInfo.InvariantCulture).ShouldNotContain("—", customMessage: warning.Code);
            }

            foreach (var finding in result.Findings)
            {
                MemoryFindingCatalogue.Instance.Findings.ShouldContain(d => d.Code == finding.Code);
            }
            kinds.Add(result.Kind);
        }

        kinds.ShouldContain(seedName); // most mutations keep the format recognisable
    }

    private static byte[] Seed(string name) => name switch
    {
        "elf-core" => SyntheticDumps.ElfCore(),
        "minidump" => SyntheticDumps.Minidump(),
        "pe" => File.ReadAllBytes(typeof(FuzzTests).Assembly.Location),
        _ => File.ReadAllBytes("/bin/true"),
    };

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        var operations = random.Next(1, 4);
        for (var op = 0; op < operations; op++)
        {
            switch (random.Next(4))
            {
                case 0:
                    for (var k = random.Next(1, 16); k > 0; k--)
                    {
                        data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1:
                    var header = random.Next(Math.Min(data.Length, 1024) - 4) & ~1;
                    BitConverter.GetBytes(Extremes[random.Next(Extremes.Length)]).CopyTo(data, header);
                    break;
                case 2:
                    var anywhere = random.Next(data.Length - 4);
                    BitConverter.GetBytes(Extremes[random.Next(Extremes.Length)]).CopyTo(data, anywhere);
                    break;
                default:
                    if (data.Length > 64)
                    {
                        data = data[..random.Next(16, data.Length)];
                    }

                    break;
            }
        }

        return data;
    }
}

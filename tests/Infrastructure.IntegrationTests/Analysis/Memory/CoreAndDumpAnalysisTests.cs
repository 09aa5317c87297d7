using System.Text.Json;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Cli.Commands;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>The analyser on a real gcore core and a real gdb memory dump of the disguised helper process.</summary>
public sealed class CoreAndDumpAnalysisTests(HelperProcessFixture dumps) : IClassFixture<HelperProcessFixture>
{
    [DumpFact]
    public async Task Core_reports_the_disguised_process_its_parent_and_the_binary_that_was_running()
    {
        var result = await AnalyzeAsync(dumps.CorePath);

        result.Kind.ShouldBe("elf-core");
        var process = result.Process.ShouldNotBeNull();
        process.Name.ShouldBe(HelperProcessFixture.DisguisedName);
        process.Pid.ShouldBe(dumps.Pid);
        process.Ppid.ShouldBe(Environment.ProcessId);
        process.Uid.ShouldBe(CurrentUid());
        process.Args.ShouldNotBeNull().ShouldStartWith(HelperProcessFixture.DisguisedName); // gcore stores argv[0] only; kernel cores hold all arguments
        process.ExecutablePath.ShouldBe(dumps.BinaryPath);
        result.MappedFiles.ShouldContain(f => f.Path == dumps.BinaryPath && f.FileOffset == 0);
        result.MappedFiles.ShouldContain(f => f.Path.Contains("libc.so.6"));
        result.Threads.ShouldContain(t => t.ThreadId == dumps.Pid);
        result.Findings.ShouldContain(f => f.Code == "memory.process.kernel-thread-name" && f.Severity == FindingSeverity.Critical && f.Value("name") == HelperProcessFixture.DisguisedName);
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Process && i.Value == HelperProcessFixture.DisguisedName);
        result.Warnings.ShouldBeEmpty();
    }

    [DumpFact]
    public async Task Core_planted_strings_become_indicators_with_file_offset_and_virtual_address()
    {
        var result = await AnalyzeAsync(dumps.CorePath);

        PlantedIndicatorsShouldBePresent(result);
        var domain = result.Indicators.First(i => i.Type == IndicatorType.Domain && i.Value == HelperProcessFixture.DdnsDomain);
        domain.Context.ShouldNotBeNull().ShouldContain("dynamic DNS (3322.org)");
        domain.Context.ShouldMatch(@"offset \d+ \(va 0x[0-9a-f]+\)");

        // The counts are those of GNU strings on the same file.
        var gnuAscii = await DumpTools.GnuStringsAsync(dumps.CorePath, 8, utf16: false);
        var gnuUtf16 = await DumpTools.GnuStringsAsync(dumps.CorePath, 8, utf16: true);
        result.Strings.Ascii.ShouldBe(gnuAscii.Count(c => c == '\n'));
        result.Strings.Utf16le.ShouldBe(gnuUtf16.Count(c => c == '\n'));
    }

    [DumpFact]
    public async Task Raw_heap_dump_yields_ascii_and_utf16_indicators_at_their_offsets()
    {
        var result = await AnalyzeAsync(dumps.HeapDumpPath);

        result.Kind.ShouldBe("raw-memory");
        result.Process.ShouldBeNull();
        PlantedIndicatorsShouldBePresent(result);
        var config = result.Indicators.First(i => i.Type == IndicatorType.FilePath && i.Value == HelperProcessFixture.ConfigPath);
        var gnu = await DumpTools.GnuStringsAsync(dumps.HeapDumpPath, 8, utf16: false);
        var line = gnu.Split('\n').First(l => l.EndsWith(" " + HelperProcessFixture.ConfigPath, StringComparison.Ordinal));
        config.Context.ShouldBe($"ascii string at offset {line.Trim().Split(' ')[0]}");

        var wide = result.Indicators.First(i => i.Type == IndicatorType.FilePath && i.Value == HelperProcessFixture.WidePath);
        wide.Context.ShouldNotBeNull().ShouldStartWith("utf16le string at offset");
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Url && i.Value == HelperProcessFixture.WideOddUrl && i.Context!.StartsWith("utf16le"));
    }

    [DumpFact]
    public async Task Cli_analyze_json_has_the_documented_shape()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AnalyzeCommand.RunAsync([dumps.CorePath, "--json"], stdout, stderr);

        code.ShouldBe(0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        root.GetProperty("kind").GetString().ShouldBe("elf-core");
        root.GetProperty("strings").GetProperty("ascii").GetInt64().ShouldBeGreaterThan(0);
        root.GetProperty("strings").GetProperty("utf16le").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        var process = root.GetProperty("process");
        process.GetProperty("name").GetString().ShouldBe(HelperProcessFixture.DisguisedName);
        process.GetProperty("pid").GetInt32().ShouldBe(dumps.Pid);
        process.GetProperty("ppid").GetInt32().ShouldBe(Environment.ProcessId);
        process.GetProperty("uid").GetInt64().ShouldBe(CurrentUid());
        process.GetProperty("args").GetString().ShouldStartWith("[ksoftirqd/7]");
        root.GetProperty("mappedFiles").EnumerateArray().ShouldContain(f => f.GetProperty("path").GetString() == dumps.BinaryPath);
        root.GetProperty("modules").GetArrayLength().ShouldBe(0);
        root.GetProperty("sample").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("findings").EnumerateArray().ShouldContain(f => f.GetProperty("severity").GetString() == "critical");
        root.GetProperty("indicators").EnumerateArray()
            .ShouldContain(i => i.GetProperty("type").GetString() == "domain" && i.GetProperty("value").GetString() == HelperProcessFixture.DdnsDomain);
        root.GetProperty("warnings").GetArrayLength().ShouldBe(0);
    }

    [DumpFact]
    public async Task Truncated_core_still_yields_strings_and_a_truncation_warning()
    {
        var bytes = await File.ReadAllBytesAsync(dumps.CorePath);
        var path = dumps.CorePath + ".truncated";
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 6 / 10)]);

        var result = await AnalyzeAsync(path);

        result.Kind.ShouldBe("elf-core");
        result.Strings.Ascii.ShouldBeGreaterThan(0);
        result.Warnings.ShouldContain(w => w.Code == "memory.core.truncated");
    }

    [DumpFact]
    public async Task Bogus_note_size_keeps_the_notes_read_before_it_and_warns()
    {
        var bytes = await File.ReadAllBytesAsync(dumps.CorePath);
        var elf = ElfImage.Parse(new RandomAccessReader(new MemoryStream(bytes)), []).ShouldNotBeNull();
        var notes = (int)elf.Segments.First(s => s.Type == ElfImage.PtNote).Offset;

        // gcore writes NT_PRPSINFO first: corrupt the size of the note after it.
        var firstDesc = BitConverter.ToInt32(bytes, notes + 4);
        var second = notes + 12 + 8 + ((firstDesc + 3) & ~3); // "CORE\0" padded to 8
        BitConverter.GetBytes(0x7fff_fff0).CopyTo(bytes, second + 4);
        var path = dumps.CorePath + ".bogus-note";
        await File.WriteAllBytesAsync(path, bytes);

        var result = await AnalyzeAsync(path);

        result.Warnings.ShouldContain(w => w.Code == "memory.core.bogus-note-size");
        result.Process.ShouldNotBeNull().Name.ShouldBe(HelperProcessFixture.DisguisedName);
        result.MappedFiles.ShouldBeEmpty(); // NT_FILE came after the corrupted note
        result.Indicators.ShouldContain(i => i.Value == HelperProcessFixture.ConfigPath);
    }

    private static void PlantedIndicatorsShouldBePresent(MemoryAnalysisResult result)
    {
        ShouldHave(result, IndicatorType.FilePath, HelperProcessFixture.ConfigPath);
        ShouldHave(result, IndicatorType.Url, HelperProcessFixture.Url);
        ShouldHave(result, IndicatorType.Domain, HelperProcessFixture.DdnsDomain);
        ShouldHave(result, IndicatorType.Ip, HelperProcessFixture.C2Ip);
        ShouldHave(result, IndicatorType.Wallet, HelperProcessFixture.MoneroWallet);
        ShouldHave(result, IndicatorType.Wallet, HelperProcessFixture.BitcoinWallet);
        ShouldHave(result, IndicatorType.Command, HelperProcessFixture.DownloadAndRun);
        ShouldHave(result, IndicatorType.StartupItem, HelperProcessFixture.CronLine);
        ShouldHave(result, IndicatorType.Url, HelperProcessFixture.StratumUrl);
        ShouldHave(result, IndicatorType.FilePath, HelperProcessFixture.WidePath);
        result.Findings.ShouldContain(f => f.Code == "memory.strings.dynamic-dns" && f.Argument("domains")!.Values.Contains(HelperProcessFixture.DdnsDomain) && f.Argument("zones")!.Values.Contains("3322.org"));
        result.Findings.ShouldContain(f => f.Code == "memory.strings.miner-name" && f.Value("name") == "xmrig");
        result.Findings.ShouldContain(f => f.Code == "memory.strings.mining-pool" && f.Argument("domains")!.Values.Contains("pool.supportxmr.com"));
        result.Findings.ShouldContain(f => f.Code == "memory.strings.stratum-url");
    }

    private static void ShouldHave(MemoryAnalysisResult result, IndicatorType type, string value) =>
        result.Indicators.ShouldContain(i => i.Type == type && i.Value == value, $"{type} {value}");

    private static async Task<MemoryAnalysisResult> AnalyzeAsync(string path)
    {
        await using var input = File.OpenRead(path);
        return await new MemoryAnalyzer().AnalyzeAsync(input, path, null, CancellationToken.None);
    }

    private static long CurrentUid() =>
        long.Parse(File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}

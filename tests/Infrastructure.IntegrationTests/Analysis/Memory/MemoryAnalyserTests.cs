using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>The memory analyser behind the plug-in point: registration, the tables it streams, its summary, JSON and texts.</summary>
public sealed partial class MemoryAnalyserTests(HelperProcessFixture dumps) : IClassFixture<HelperProcessFixture>
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void Is_registered_for_the_memory_kinds_with_the_assembly_version()
    {
        using var services = new ServiceCollection().AddAnalyser<MemoryAnalyser>().BuildServiceProvider();
        var registry = services.GetRequiredService<IAnalyserRegistry>();

        foreach (var kind in new[] { EvidenceKind.ElfCore, EvidenceKind.Minidump, EvidenceKind.RawMemory, EvidenceKind.ElfExecutable, EvidenceKind.PeExecutable })
        {
            registry.For(kind).ShouldBeOfType<MemoryAnalyser>();
        }

        var analyser = registry.ByName("memory").ShouldNotBeNull();
        analyser.Version.ShouldBe(typeof(MemoryAnalyser).Assembly.GetName().Version!.ToString());
        registry.Finding("memory.process.kernel-thread-name").ShouldNotBeNull().Definition.Attack.ShouldBe("T1036.004");
    }

    [DumpFact]
    public async Task Core_tables_written_to_the_sink_match_the_result()
    {
        var sink = new RecordingSink();
        var outcome = await AnalyseAsync(dumps.CorePath, sink);
        var result = (MemoryAnalysisResult)outcome.Result;

        sink.Rows("mapped_files").ShouldBe(result.MappedFiles.Select(f => new object?[] { (long)f.Start, (long)f.End, (long)f.FileOffset, f.Path }));
        sink.Rows("threads").Select(r => (long)r[0]!).ShouldBe(result.Threads.Select(t => t.ThreadId));
        sink.Rows("threads").ShouldContain(r => (long)r[0]! == dumps.Pid);
        sink.Rows("modules").ShouldBeEmpty();
        sink.Tables["mapped_files"].Schema.Columns.Where(c => c.Type == ColumnType.Address).Select(c => c.Name).ShouldBe(["start", "end", "file_offset"]);
        sink.Tables["threads"].Schema.Columns.Single(c => c.Name == "pc").Type.ShouldBe(ColumnType.Address);
        sink.Tables["strings_index"].Schema.Columns.Select(c => (c.Name, c.Type)).ShouldBe([("ordinal", ColumnType.Integer), ("offset", ColumnType.Address)]);
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            // The helper waits in read(): its instruction pointer lies in a mapped file (libc) of the process.
            var pc = (ulong)(long)sink.Rows("threads").Single(r => (long)r[0]! == dumps.Pid)[2]!;
            result.MappedFiles.ShouldContain(f => pc >= f.Start && pc < f.End, $"pc 0x{pc:x}");
        }

        using var summary = JsonDocument.Parse(sink.SummaryJson.ShouldNotBeNull());
        var root = summary.RootElement;
        root.GetProperty("kind").GetString().ShouldBe("elf-core");
        root.GetProperty("size").GetInt64().ShouldBe(result.Size);
        root.GetProperty("strings").GetProperty("ascii").GetInt64().ShouldBe(result.Strings.Ascii);
        root.GetProperty("strings").GetProperty("utf16le").GetInt64().ShouldBe(result.Strings.Utf16le);
        root.GetProperty("process").GetProperty("pid").GetInt32().ShouldBe(dumps.Pid);
        root.GetProperty("threads").GetInt32().ShouldBe(result.Threads.Count);
        root.GetProperty("mappedFiles").GetInt32().ShouldBe(result.MappedFiles.Count);
        root.TryGetProperty("indicators", out var indicators).ShouldBeTrue();
        indicators.ValueKind.ShouldBe(JsonValueKind.Number); // a count: the lists are tables, findings and indicators

        outcome.Findings.ShouldBe(result.Findings);
        outcome.Indicators.ShouldBe(result.Indicators);
        outcome.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Minidump_modules_and_threads_become_rows_with_times_and_addresses()
    {
        var sink = new RecordingSink();
        var outcome = await new MemoryAnalyser().AnalyseAsync(new AnalysisInput(new MemoryStream(SyntheticDumps.Minidump()), "svchost.dmp", EvidenceKind.Minidump), sink, CancellationToken.None);

        sink.Rows("modules")[0].ShouldBe([0x0000_7ff6_1000_0000L, 0x5_4000L, SyntheticDumps.MainModule, 1_650_000_000L * 1_000_000_000]);
        sink.Rows("threads").ShouldBe([[5120L, null, null, 0x0000_00a0_0000_0000L, 0x4000L], [5124L, null, null, 0x0000_00a0_0010_0000L, 0x4000L]]);
        sink.Rows("mapped_files").ShouldBeEmpty();
        outcome.Events.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pe_sample_outcome_has_the_compile_time_event()
    {
        var bytes = PeBuilder.WithImports("KERNEL32.dll", "ExitProcess");
        var outcome = await new MemoryAnalyser().AnalyseAsync(new AnalysisInput(new MemoryStream(bytes), "x.exe", EvidenceKind.PeExecutable), NullResultSink.Instance, CancellationToken.None);

        outcome.Events.ShouldBe([new AnalysisEvent(TimelineEntryKind.SampleCompiled, 1_700_000_000L * 1_000_000_000)]);
    }

    [Fact]
    public async Task Damaged_input_gives_a_partial_outcome_with_coded_warnings_and_tables()
    {
        var core = SyntheticDumps.ElfCore();
        var sink = new RecordingSink();
        var outcome = await new MemoryAnalyser().AnalyseAsync(new AnalysisInput(new MemoryStream(core[..(core.Length - 2000)]), "core", EvidenceKind.ElfCore), sink, CancellationToken.None);

        outcome.Warnings.ShouldContain(w => w.Code == "memory.core.truncated" && w.Arguments[0].Value == "1");
        ((MemoryAnalysisResult)outcome.Result).Process.ShouldNotBeNull().Pid.ShouldBe(SyntheticDumps.CorePid);
        sink.Rows("mapped_files").Count.ShouldBe(2);
        sink.SummaryJson.ShouldNotBeNull();
    }

    [DumpFact]
    public async Task Json_findings_and_warnings_carry_code_arguments_and_englishNamestext()
    {
        var analyser = new MemoryAnalyser();
        var outcome = await AnalyseAsync(dumps.CorePath, NullResultSink.Instance);
        using var output = new MemoryStream();
        await analyser.WriteJsonAsync(outcome, output, CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToArray());
        var root = json.RootElement;
        root.GetProperty("kind").GetString().ShouldBe("elf-core");
        var disguise = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "memory.process.kernel-thread-name");
        disguise.GetProperty("severity").GetString().ShouldBe("critical");
        disguise.GetProperty("title").GetString().ShouldBe("Process disguised as kernel thread [ksoftirqd/7]");
        disguise.GetProperty("explanation").GetString().ShouldStartWith($"pid {dumps.Pid} (ppid {Environment.ProcessId}), recorded in the core as [ksoftirqd/7]");
        disguise.GetProperty("attack").GetString().ShouldBe("T1036.004");
        disguise.GetProperty("reference").GetProperty("table").GetString().ShouldBe("mapped_files");
        var name = disguise.GetProperty("arguments").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "name");
        name.GetProperty("type").GetString().ShouldBe("processName");
        name.GetProperty("values")[0].GetString().ShouldBe(HelperProcessFixture.DisguisedName);
        name.GetProperty("total").GetInt64().ShouldBe(1);

        var wallets = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "memory.strings.wallet");
        wallets.GetProperty("title").GetString()!.ShouldContain(HelperProcessFixture.BitcoinWallet);

        var text = new StringWriter();
        await analyser.WriteTextAsync(outcome, text, CancellationToken.None);
        text.ToString().ShouldContain("[Critical] Process disguised as kernel thread [ksoftirqd/7]: pid");
        text.ToString().ShouldContain("(memory.process.kernel-thread-name)");
    }

    [Fact]
    public async Task Json_warnings_have_code_message_and_arguments()
    {
        var analyser = new MemoryAnalyser();
        var outcome = await analyser.AnalyseAsync(new AnalysisInput(new MemoryStream([1, 2, 3, 4, 5]), "LSASS.DMP", EvidenceKind.RawMemory), NullResultSink.Instance, CancellationToken.None);
        using var output = new MemoryStream();
        await analyser.WriteJsonAsync(outcome, output, CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToArray());
        var warning = json.RootElement.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem();
        warning.GetProperty("code").GetString().ShouldBe("memory.file.not-a-minidump");
        warning.GetProperty("message").GetString().ShouldBe("LSASS.DMP is named like a minidump but has no MDMP signature; analysed as raw-memory.");
        warning.GetProperty("arguments")[0].GetProperty("name").GetString().ShouldBe("name");
    }

    [Fact]
    public void Every_code_table_and_column_has_englishNamesand_chineseNamestext_with_known_placeholders()
    {
        var catalogue = MemoryFindingCatalogue.Instance;
        var missing = new List<string>();
        foreach (var definition in catalogue.Findings)
        {
            foreach (var key in new[] { definition.Code + ".title", definition.Code + ".explanation" })
            {
                Check(key, definition.Arguments);
            }
        }

        foreach (var code in catalogue.Warnings)
        {
            Check("warning." + code, null);
        }

        foreach (var table in MemoryFindingCatalogue.Tables)
        {
            Check("table." + table.Name, []);
            foreach (var column in table.Columns)
            {
                Check($"column.{table.Name}.{column.Name}", []);
            }
        }

        missing.ShouldBeEmpty();

        void Check(string key, IReadOnlyList<string>? arguments)
        {
            var english = Exact(catalogue, key, CultureInfo.InvariantCulture);
            var chinese = Exact(catalogue, key, Chinese);
            if (string.IsNullOrWhiteSpace(english) || string.IsNullOrWhiteSpace(chinese) || !Han().IsMatch(chinese))
            {
                missing.Add($"{key}: en '{english}', zh '{chinese}'");
                return;
            }

            var englishNames = Placeholders().Matches(english).Select(m => m.Groups[1].Value).Order().ToList();
            var chineseNames = Placeholders().Matches(chinese).Select(m => m.Groups[1].Value).Order().ToList();
            if (!englishNames.SequenceEqual(chineseNames) || (arguments is not null && !englishNames.All(arguments.Contains)))
            {
                missing.Add($"{key}: placeholders en [{string.Join(",", englishNames)}] zh [{string.Join(",", chineseNames)}]");
            }
        }
    }

    [Fact]
    public void Catalogue_lists_every_code_constant_once()
    {
        var constants = typeof(MemoryFindingCatalogue).Assembly.GetType("CaseManager.Infrastructure.Analysis.Memory.MemoryCodes")!
            .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && !f.Name.EndsWith("Table", StringComparison.Ordinal))
            .ToList();
        var warnings = constants.Where(f => f.Name.StartsWith("Warn", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var findings = constants.Where(f => !f.Name.StartsWith("Warn", StringComparison.Ordinal)).Select(f => (string)f.GetRawConstantValue()!).ToList();

        MemoryFindingCatalogue.Instance.Warnings.ShouldBe(warnings, ignoreOrder: true);
        MemoryFindingCatalogue.Instance.Findings.Select(f => f.Code).ShouldBe(findings, ignoreOrder: true);
        findings.Concat(warnings).ShouldAllBe(code => CodeShape().IsMatch(code));
        findings.Concat(warnings).Distinct().Count().ShouldBe(findings.Count + warnings.Count);
    }

    private static string? Exact(IFindingCatalogue catalogue, string key, CultureInfo culture) =>
        catalogue.Text.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.GetString(key);

    private static async Task<AnalysisOutcome> AnalyseAsync(string path, IResultSink sink)
    {
        await using var input = File.OpenRead(path);
        return await new MemoryAnalyser().AnalyseAsync(new AnalysisInput(input, path, EvidenceKind.ElfCore), sink, CancellationToken.None);
    }

    [GeneratedRegex(@"\{([a-z0-9]+)\}")]
    private static partial Regex Placeholders();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"^memory\.[a-z0-9]+\.[a-z0-9-]+$")]
    private static partial Regex CodeShape();
}

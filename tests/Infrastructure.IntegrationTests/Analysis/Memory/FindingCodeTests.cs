using System.Collections.Concurrent;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// Every memory finding code fires on a real file that shows it (cores and heap dumps gcore/gdb made of live
/// processes, samples gcc built, a native PE from the SQLite package, a PE the test writes) and stays silent on a
/// clean one; its arguments and evidence reference point at the evidence.
/// </summary>
public sealed class FindingCodeTests(HelperProcessFixture helper, MemorySamplesFixture samples)
    : IClassFixture<HelperProcessFixture>, IClassFixture<MemorySamplesFixture>
{
    private static readonly ConcurrentDictionary<string, MemoryAnalysisResult> Analysed = new(StringComparer.Ordinal);

    [Fact]
    public async Task Dump_context_fires_on_a_minidump_and_not_on_a_core()
    {
        var finding = Fired(await AnalyseAsync(SyntheticDumps.Minidump(), "svchost.dmp"), "memory.dump.context");
        finding.Value("system").ShouldBe("Windows 10.0.19045 x64");
        finding.Argument("written")!.Type.ShouldBe(ArgumentType.Time);
        Silent(await AnalyseAsync(SyntheticDumps.ElfCore(), "core"), "memory.dump.context");
    }

    [Fact]
    public async Task Module_from_a_writable_directory_fires_on_a_public_folder_module_only()
    {
        var finding = Fired(await AnalyseAsync(SyntheticDumps.Minidump(), "svchost.dmp"), "memory.module.writable-directory");
        finding.Value("path").ShouldBe(SyntheticDumps.MainModule);
        finding.Value("base").ShouldBe(0x0000_7ff6_1000_0000.ToString(System.Globalization.CultureInfo.InvariantCulture));
        finding.Reference.ShouldBe(new EvidenceReference(Table: "modules", Filter: SyntheticDumps.MainModule));
        finding.Attack.ShouldBe("T1574");

        var clean = Replace(SyntheticDumps.Minidump(), Encoding.Unicode.GetBytes(@"\Users\Public\"), Encoding.Unicode.GetBytes(@"\Windows\Sys\"));
        Silent(await AnalyseAsync(clean, "svchost.dmp"), "memory.module.writable-directory");
    }

    [DumpFact]
    public async Task Kernel_thread_name_fires_on_the_disguised_process_core_only()
    {
        var finding = Fired(await AnalyseFileAsync(helper.CorePath), "memory.process.kernel-thread-name");
        finding.Severity.ShouldBe(FindingSeverity.Critical);
        finding.Value("name").ShouldBe(HelperProcessFixture.DisguisedName);
        finding.Value("pid").ShouldBe(helper.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        finding.Value("path").ShouldBe(helper.BinaryPath);
        finding.Reference!.Table.ShouldBe("mapped_files");
        finding.Attack.ShouldBe("T1036.004");
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.process.kernel-thread-name");
    }

    [DumpFact]
    public async Task Deleted_binary_fires_on_the_core_of_a_process_whose_binary_was_removed()
    {
        var finding = Fired(await AnalyseFileAsync(samples.DeletedCore), "memory.process.deleted-binary");
        finding.Value("path").ShouldBe(samples.DeletedBinary + " (deleted)");
        finding.Reference.ShouldBe(new EvidenceReference(Table: "mapped_files", Filter: samples.DeletedBinary + " (deleted)"));
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.process.deleted-binary");
    }

    [DumpFact]
    public async Task Unusual_location_fires_on_a_binary_run_from_tmp()
    {
        Fired(await AnalyseFileAsync(helper.CorePath), "memory.process.unusual-location").Value("path").ShouldBe(helper.BinaryPath);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.process.unusual-location");
    }

    [DumpFact]
    public async Task Hidden_directory_fires_on_a_binary_run_from_a_dot_directory()
    {
        Fired(await AnalyseFileAsync(samples.HiddenCore), "memory.process.hidden-directory").Value("path").ShouldBe(samples.HiddenBinary);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.process.hidden-directory");
    }

    [DumpFact]
    public async Task Miner_name_fires_with_the_offset_of_the_string()
    {
        var result = await AnalyseFileAsync(helper.CorePath);
        Fired(result, "memory.strings.miner-name");
        var finding = result.Findings.Single(f => f.Code == "memory.strings.miner-name" && f.Value("name") == "xmrig");
        finding.Attack.ShouldBe("T1496");
        await ShouldPointAtAsync(helper.CorePath, finding, "xmrig");
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.miner-name");
    }

    [DumpFact]
    public async Task Malware_name_fires_on_a_sample_that_names_a_tool()
    {
        var finding = Fired(await AnalyseFileAsync(samples.PlantedSample), "memory.strings.malware-name");
        finding.Value("name").ShouldBe(MemorySamplesFixture.MalwareName);
        finding.Value("category").ShouldBe("tool");
        await ShouldPointAtAsync(samples.PlantedSample, finding, MemorySamplesFixture.MalwareName);
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.strings.malware-name");
    }

    [DumpFact]
    public async Task Dynamic_dns_fires_with_domains_zones_and_offset()
    {
        var finding = Fired(await AnalyseFileAsync(helper.CorePath), "memory.strings.dynamic-dns");
        finding.Argument("domains")!.Values.ShouldContain(HelperProcessFixture.DdnsDomain);
        finding.Argument("domains")!.Type.ShouldBe(ArgumentType.Domain);
        finding.Argument("zones")!.Values.ShouldContain("3322.org");
        await ShouldPointAtAsync(helper.CorePath, finding, finding.Argument("domains")!.Values[0], within: 64);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.dynamic-dns");
    }

    [DumpFact]
    public async Task Mining_pool_fires_on_pool_domains()
    {
        Fired(await AnalyseFileAsync(helper.CorePath), "memory.strings.mining-pool").Argument("domains")!.Values.ShouldContain("pool.supportxmr.com");
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.mining-pool");
    }

    [DumpFact]
    public async Task Stratum_url_fires_on_stratum_urls()
    {
        var finding = Fired(await AnalyseFileAsync(helper.CorePath), "memory.strings.stratum-url");
        finding.Argument("urls")!.Values.ShouldBe([HelperProcessFixture.StratumUrl]);
        await ShouldPointAtAsync(helper.CorePath, finding, HelperProcessFixture.StratumUrl);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.stratum-url");
    }

    [DumpFact]
    public async Task Wallet_fires_on_valid_wallet_addresses()
    {
        var wallets = Fired(await AnalyseFileAsync(helper.CorePath), "memory.strings.wallet").Argument("wallets")!;
        wallets.Values.ShouldContain(HelperProcessFixture.MoneroWallet);
        wallets.Values.ShouldContain(HelperProcessFixture.BitcoinWallet);
        wallets.Total.ShouldBeGreaterThanOrEqualTo(2);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.wallet");
    }

    [DumpFact]
    public async Task Download_and_run_fires_on_curl_piped_to_a_shell()
    {
        Fired(await AnalyseFileAsync(helper.CorePath), "memory.strings.download-and-run").Argument("commands")!.Values.ShouldContain(HelperProcessFixture.DownloadAndRun);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.download-and-run");
    }

    [DumpFact]
    public async Task Persistence_fires_on_a_crontab_line()
    {
        Fired(await AnalyseFileAsync(helper.CorePath), "memory.strings.persistence").Argument("entries")!.Values.ShouldContain(HelperProcessFixture.CronLine);
        Silent(await AnalyseFileAsync(samples.CleanCore), "memory.strings.persistence");
    }

    [DumpFact]
    public async Task Onion_fires_on_a_tor_address()
    {
        var finding = Fired(await AnalyseFileAsync(samples.PlantedSample), "memory.strings.onion");
        finding.Argument("addresses")!.Values.ShouldBe([MemorySamplesFixture.OnionAddress]);
        await ShouldPointAtAsync(samples.PlantedSample, finding, MemorySamplesFixture.OnionAddress);
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.strings.onion");
    }

    [DumpFact]
    public async Task Elf_headers_fire_on_memory_holding_an_elf_image()
    {
        var finding = Fired(await AnalyseAsync(MemorySamplesFixture.RawMemoryWith(await File.ReadAllBytesAsync(samples.CleanBinary)), "mem.raw"), "memory.dump.elf-headers");
        finding.Value("count").ShouldBe("1");
        finding.Reference!.Offset.ShouldBe(4096);
        Silent(await AnalyseFileAsync(samples.CleanHeap), "memory.dump.elf-headers");
    }

    [DumpFact]
    public async Task Pe_headers_fire_on_memory_holding_a_pe_image()
    {
        var finding = Fired(await AnalyseAsync(MemorySamplesFixture.RawMemoryWith(await File.ReadAllBytesAsync(MemorySamplesFixture.NativePe)), "mem.raw"), "memory.dump.pe-headers");
        finding.Reference!.Offset!.Value.ShouldBeInRange(4096 + 0x40, 4096 + 0x4e); // the DOS stub's message string
        finding.Argument("offsets")!.Type.ShouldBe(ArgumentType.Offset);
        Silent(await AnalyseFileAsync(samples.CleanHeap), "memory.dump.pe-headers");
    }

    [DumpFact]
    public async Task Embedded_elf_fires_on_a_sample_carrying_another_elf()
    {
        var clean = await File.ReadAllBytesAsync(samples.CleanBinary);
        var finding = Fired(await AnalyseAsync([.. clean, .. clean], "dropper"), "memory.sample.embedded-elf");
        finding.Reference!.Offset.ShouldBe(clean.Length);
        finding.Severity.ShouldBe(FindingSeverity.High);
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.sample.embedded-elf");
    }

    [DumpFact]
    public async Task Embedded_pe_fires_on_a_sample_carrying_a_pe()
    {
        var clean = await File.ReadAllBytesAsync(samples.CleanBinary);
        var finding = Fired(await AnalyseAsync([.. clean, .. await File.ReadAllBytesAsync(MemorySamplesFixture.NativePe)], "dropper"), "memory.sample.embedded-pe");
        finding.Reference!.Offset!.Value.ShouldBeInRange(clean.Length + 0x40, clean.Length + 0x4e);
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.sample.embedded-pe");
    }

    [DumpFact]
    public async Task Upx_fires_on_the_upx_marker()
    {
        var clean = await File.ReadAllBytesAsync(samples.CleanBinary);
        Fired(await AnalyseAsync([.. clean, .. "UPX!\0\0\0"u8.ToArray()], "packed"), "memory.sample.upx").Attack.ShouldBe("T1027.002");
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.sample.upx");
    }

    [DumpFact]
    public async Task Static_stripped_fires_on_a_static_stripped_build()
    {
        samples.StaticBuildError.ShouldBeNull();
        Fired(await AnalyseFileAsync(samples.StrippedSample), "memory.sample.static-stripped");
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.sample.static-stripped");
    }

    [DumpFact]
    public async Task High_entropy_section_fires_on_a_random_blob_section()
    {
        var result = await AnalyseFileAsync(samples.PlantedSample);
        var finding = Fired(result, "memory.sample.high-entropy-section");
        var section = result.Sample!.Sections.Single(s => s.Name == finding.Value("section"));
        section.Entropy.ShouldBeGreaterThanOrEqualTo(7.2);
        finding.Reference.ShouldBe(new EvidenceReference(Offset: section.Offset, Length: section.Size));
        Silent(await AnalyseFileAsync(samples.CleanBinary), "memory.sample.high-entropy-section");
    }

    [Fact]
    public async Task Injection_imports_fire_on_a_pe_importing_the_remote_thread_trio()
    {
        var injector = PeBuilder.WithImports("KERNEL32.dll", "VirtualAllocEx", "WriteProcessMemory", "CreateRemoteThread");
        var finding = Fired(await AnalyseAsync(injector, "injector.exe"), "memory.sample.injection-imports");
        finding.Argument("functions")!.Values.ShouldBe(["VirtualAllocEx", "WriteProcessMemory", "CreateRemoteThread"]);
        finding.Attack.ShouldBe("T1055");
        Silent(await AnalyseAsync(PeBuilder.WithImports("KERNEL32.dll", "VirtualAllocEx", "ExitProcess"), "plain.exe"), "memory.sample.injection-imports");
        Silent(await AnalyseFileAsync(MemorySamplesFixture.NativePe), "memory.sample.injection-imports");
    }

    [Fact]
    public async Task Unsigned_pe_fires_on_a_native_pe_without_certificate_table_and_not_on_dotnet()
    {
        var result = await AnalyseFileAsync(MemorySamplesFixture.NativePe);
        Fired(result, "memory.sample.unsigned-pe").Value("sha256").ShouldBe(result.Sample!.Sha256);
        Silent(await AnalyseFileAsync(MemorySamplesFixture.DotNetPe), "memory.sample.unsigned-pe");
    }

    [Fact]
    public void The_catalogue_holds_exactly_the_codes_tested_above()
    {
        MemoryFindingCatalogue.Instance.Findings.Select(f => f.Code).ShouldBe(
        [
            "memory.dump.context", "memory.module.writable-directory", "memory.process.kernel-thread-name", "memory.process.deleted-binary",
            "memory.process.unusual-location", "memory.process.hidden-directory", "memory.strings.miner-name", "memory.strings.malware-name",
            "memory.strings.dynamic-dns", "memory.strings.mining-pool", "memory.strings.stratum-url", "memory.strings.wallet",
            "memory.strings.download-and-run", "memory.strings.persistence", "memory.strings.onion", "memory.dump.elf-headers",
            "memory.dump.pe-headers", "memory.sample.embedded-elf", "memory.sample.embedded-pe", "memory.sample.upx",
            "memory.sample.static-stripped", "memory.sample.high-entropy-section", "memory.sample.injection-imports", "memory.sample.unsigned-pe",
        ]);
    }

    private static AnalysisFinding Fired(MemoryAnalysisResult result, string code)
    {
        var found = result.Findings.Where(f => f.Code == code).ToList();
        found.ShouldNotBeEmpty($"{code} did not fire; fired: {string.Join(", ", result.Findings.Select(f => f.Code))}");
        var definition = MemoryFindingCatalogue.Instance.Findings.Single(d => d.Code == code);
        found[0].Arguments.Select(a => a.Name).ShouldBeSubsetOf(definition.Arguments);
        return found[0];
    }

    private static void Silent(MemoryAnalysisResult result, string code) =>
        result.Findings.ShouldNotContain(f => f.Code == code, $"{code} fired on a clean file: {string.Join("; ", result.Findings.Where(f => f.Code == code).SelectMany(f => f.Arguments.SelectMany(a => a.Values)))}");

    /// <summary>The finding's offset is where <paramref name="text"/> starts in the file, or the string holding it within <paramref name="within"/> bytes.</summary>
    private static async Task ShouldPointAtAsync(string path, AnalysisFinding finding, string text, int within = 0)
    {
        var offset = finding.Reference.ShouldNotBeNull().Offset.ShouldNotBeNull();
        await using var file = File.OpenRead(path);
        file.Position = offset;
        var bytes = new byte[text.Length + within];
        await file.ReadExactlyAsync(bytes);
        var found = Encoding.ASCII.GetString(bytes);
        if (within == 0)
        {
            found.ShouldBe(text, StringCompareShould.IgnoreCase);
        }
        else
        {
            found.ShouldContain(text, Case.Insensitive);
        }
    }

    private static byte[] Replace(byte[] data, byte[] from, byte[] to)
    {
        var at = data.AsSpan().IndexOf(from);
        at.ShouldBeGreaterThanOrEqualTo(0);
        to.CopyTo(data, at);
        return data;
    }

    private static async Task<MemoryAnalysisResult> AnalyseFileAsync(string path)
    {
        if (Analysed.TryGetValue(path, out var cached))
        {
            return cached;
        }

        await using var input = File.OpenRead(path);
        return Analysed[path] = await new MemoryAnalyzer().AnalyzeAsync(input, path, null, CancellationToken.None);
    }

    private static Task<MemoryAnalysisResult> AnalyseAsync(byte[] data, string name) =>
        new MemoryAnalyzer().AnalyzeAsync(new MemoryStream(data), name, null, CancellationToken.None);
}

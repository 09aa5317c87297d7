using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// Turns what the readers and the strings pass saw into coded findings a consultant acts on (codes in
/// <see cref="MemoryCodes"/>, definitions in <see cref="MemoryFindingCatalogue"/>). Lists keep counts and the first few
/// values; each finding points at the dump offset of its first evidence, or at the result-table rows behind it.
/// </summary>
internal static class MemoryFindings
{
    public const double HighEntropy = 7.2;
    public const long HighEntropyMinSize = 4096;
    private static readonly string[] UnusualDirectories = ["/tmp/", "/var/tmp/", "/dev/shm/", "/etc/", "/run/user/", "/boot/", "/lib/udev/"];
    private static readonly string[] UnusualWindowsDirectories = [@"\appdata\local\temp\", @"\users\public\", @"\programdata\", @"\windows\temp\", @"\$recycle.bin\"];
    private static readonly string[] InjectionApis = ["VirtualAllocEx", "WriteProcessMemory", "CreateRemoteThread"];

    public static void Structural(string kind, Structure structure, SampleInfo? sample, List<AnalysisFinding> findings)
    {
        if (structure.Process is { } process && kind == "elf-core")
        {
            CoreProcess(process, structure.MappedFiles, structure.Elf, findings);
        }

        if (structure.DumpContext is { } context)
        {
            List<FindingArgument> arguments = [Arg("system", ArgumentType.Text, context.System)];
            if (context.Written is { } written)
            {
                arguments.Add(Arg("written", ArgumentType.Time, Nanoseconds(written)));
            }

            if (context.Started is { } started)
            {
                arguments.Add(Arg("started", ArgumentType.Time, Nanoseconds(started)));
            }

            findings.Add(new AnalysisFinding(MemoryCodes.DumpContext, FindingSeverity.Info, arguments));
        }

        foreach (var module in structure.Modules)
        {
            var lower = module.Path.ToLowerInvariant();
            if (UnusualWindowsDirectories.Any(lower.Contains))
            {
                findings.Add(new AnalysisFinding(
                    MemoryCodes.ModuleWritableDirectory,
                    FindingSeverity.Medium,
                    [Arg("path", ArgumentType.Path, module.Path), Arg("base", ArgumentType.Offset, unchecked((long)module.BaseAddress))],
                    Rows(MemoryCodes.ModulesTable, module.Path),
                    "T1574"));
            }
        }

        if (sample is not null)
        {
            SampleFacts(sample, findings);
        }
    }

    public static void FromStrings(string kind, IndicatorCollector strings, ChunkObserver raw, List<AnalysisFinding> findings)
    {
        foreach (var (name, category) in strings.MalwareNames)
        {
            var miner = category == "miner";
            var severity = category == "ransomware" ? FindingSeverity.Critical : FindingSeverity.High;
            findings.Add(new AnalysisFinding(
                miner ? MemoryCodes.MinerName : MemoryCodes.MalwareName,
                severity,
                [Arg("name", ArgumentType.ProcessName, name), Arg("category", ArgumentType.Text, category), Arg("kind", ArgumentType.Text, kind)],
                At(strings.MalwareNameOffsets.TryGetValue(name, out var offset) ? offset : null),
                miner ? "T1496" : null));
        }

        if (strings.DynamicDnsDomains.Count > 0)
        {
            var first = strings.DynamicDnsDomains.Keys.First();
            findings.Add(new AnalysisFinding(
                MemoryCodes.DynamicDns,
                FindingSeverity.High,
                [
                    FindingArgument.List("domains", ArgumentType.Domain, strings.DynamicDnsDomains.Keys),
                    FindingArgument.List("zones", ArgumentType.Domain, strings.DynamicDnsDomains.Values.Distinct(StringComparer.Ordinal)),
                ],
                At(strings.OffsetOf(IndicatorType.Domain, first)),
                "T1568"));
        }

        if (strings.MiningPoolDomains.Count > 0)
        {
            var first = strings.MiningPoolDomains.Keys.First();
            findings.Add(new AnalysisFinding(
                MemoryCodes.MiningPool,
                FindingSeverity.High,
                [FindingArgument.List("domains", ArgumentType.Domain, strings.MiningPoolDomains.Keys)],
                At(strings.OffsetOf(IndicatorType.Domain, first)),
                "T1496"));
        }

        if (strings.StratumUrls.Count > 0)
        {
            findings.Add(new AnalysisFinding(
                MemoryCodes.StratumUrl,
                FindingSeverity.High,
                [FindingArgument.List("urls", ArgumentType.Url, strings.StratumUrls)],
                At(strings.OffsetOf(IndicatorType.Url, strings.StratumUrls.Min!)),
                "T1496"));
        }

        var byType = strings.Indicators.ToLookup(i => i.Type);
        ListFinding(MemoryCodes.Wallet, FindingSeverity.High, "wallets", ArgumentType.Wallet, IndicatorType.Wallet, "T1496");
        ListFinding(MemoryCodes.DownloadAndRun, FindingSeverity.High, "commands", ArgumentType.Command, IndicatorType.Command, "T1059.004");
        ListFinding(MemoryCodes.Persistence, FindingSeverity.Medium, "entries", ArgumentType.Command, IndicatorType.StartupItem, "T1053.003");
        ListFinding(MemoryCodes.Onion, FindingSeverity.Medium, "addresses", ArgumentType.Domain, IndicatorType.Onion, "T1090.003");

        var sampleKind = kind is "elf" or "pe";

        // The file's own ELF header at offset 0 is not "embedded".
        var elf = raw.EmbeddedElfOffsets.Where(o => o != 0).ToList();
        var elfCount = raw.EmbeddedElfCount - (raw.EmbeddedElfOffsets.Contains(0) ? 1 : 0);
        if (elfCount > 0)
        {
            findings.Add(new AnalysisFinding(
                sampleKind ? MemoryCodes.EmbeddedElf : MemoryCodes.ElfHeaders,
                sampleKind ? FindingSeverity.High : FindingSeverity.Info,
                [Arg("count", ArgumentType.Count, elfCount), Offsets(elf, elfCount)],
                At(elf.Count > 0 ? elf[0] : null),
                sampleKind ? "T1027.009" : null));
        }

        var pe = strings.EmbeddedPeOffsets.Where(o => !(kind == "pe" && o < 512)).ToList();
        if (pe.Count > 0)
        {
            findings.Add(new AnalysisFinding(
                sampleKind ? MemoryCodes.EmbeddedPe : MemoryCodes.PeHeaders,
                sampleKind ? FindingSeverity.High : FindingSeverity.Info,
                [Arg("count", ArgumentType.Count, pe.Count), Offsets(pe, pe.Count)],
                At(pe[0]),
                sampleKind ? "T1027.009" : null));
        }

        void ListFinding(string code, FindingSeverity severity, string argument, ArgumentType type, IndicatorType indicator, string attack)
        {
            var values = byType[indicator].Select(i => i.Value).ToList();
            if (values.Count > 0)
            {
                findings.Add(new AnalysisFinding(
                    code, severity, [FindingArgument.List(argument, type, values)], At(strings.OffsetOf(indicator, values[0])), attack));
            }
        }
    }

    /// <summary>
    /// A gcore-made core records the cmdline's basename, not comm: a process renamed only with prctl(PR_SET_NAME) looks
    /// ordinary there, and its kernel-thread name survives only in its memory (the buffer it passed to prctl) or its
    /// mappings. When the recorded name is not a kernel thread's, the first such name found becomes the disguise.
    /// </summary>
    public static ProcessInfo WithDisguise(ProcessInfo process, IReadOnlyList<MappedFile> mapped, IndicatorCollector strings)
    {
        var name = process.Name ?? string.Empty;
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            // The core records the disguise itself (a kernel-made core: comm); add where the memory holds it, if it does.
            return strings.KernelThreadNames.TryGetValue(name, out var own) ? process with { DisguiseOffsets = own } : process;
        }

        if (strings.KernelThreadNames.Count > 0)
        {
            var (disguise, offsets) = strings.KernelThreadNames.OrderBy(n => n.Value[0]).First();
            return process with { Disguise = disguise, DisguiseOffsets = offsets };
        }

        foreach (var file in mapped)
        {
            if (IndicatorPatterns.KernelThreadName().Match(file.Path) is { Success: true } m)
            {
                return process with { Disguise = m.Value, DisguiseOffsets = [] };
            }
        }

        return process;
    }

    private static void CoreProcess(ProcessInfo process, IReadOnlyList<MappedFile> mapped, ElfImage? elf, List<AnalysisFinding> findings)
    {
        var name = process.Name ?? string.Empty;
        var loads = elf?.Segments.Count(s => s.Type == ElfImage.PtLoad) ?? 0;
        var pid = process.Pid is { } p ? Arg("pid", ArgumentType.Pid, p) : Arg("pid", ArgumentType.Pid, "?");
        var recordedDisguise = name.StartsWith('[') && name.EndsWith(']') && (mapped.Count > 0 || loads > 0 || process.Ppid != 2);
        if (recordedDisguise || process.Disguise is not null)
        {
            var disguise = process.Disguise ?? name;
            var offsets = process.DisguiseOffsets ?? [];
            findings.Add(new AnalysisFinding(
                MemoryCodes.KernelThreadName,
                recordedDisguise ? FindingSeverity.Critical : FindingSeverity.High,
                [
                    Arg("name", ArgumentType.ProcessName, disguise),
                    Arg("recorded", ArgumentType.ProcessName, name.Length > 0 ? name : "?"),
                    pid,
                    process.Ppid is { } ppid ? Arg("ppid", ArgumentType.Pid, ppid) : Arg("ppid", ArgumentType.Pid, "?"),
                    Arg("mapped", ArgumentType.Count, mapped.Count),
                    Arg("segments", ArgumentType.Count, loads),
                    Arg("path", ArgumentType.Path, process.ExecutablePath ?? "?"),
                    offsets.Count > 0 ? Offsets(offsets, offsets.Count) : Arg("offsets", ArgumentType.Text, "-"),
                ],
                recordedDisguise || offsets.Count == 0 ? new EvidenceReference(Table: MemoryCodes.MappedFilesTable) : At(offsets[0]),
                "T1036.004"));
        }

        if (process.ExecutablePath is { } path)
        {
            var binary = Rows(MemoryCodes.MappedFilesTable, path);
            if (path.EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                findings.Add(new AnalysisFinding(MemoryCodes.DeletedBinary, FindingSeverity.High, [Arg("path", ArgumentType.Path, path), pid], binary, "T1070.004"));
            }

            if (UnusualDirectories.Any(d => path.StartsWith(d, StringComparison.Ordinal)))
            {
                findings.Add(new AnalysisFinding(MemoryCodes.UnusualLocation, FindingSeverity.High, [Arg("path", ArgumentType.Path, path), pid], binary, "T1036.005"));
            }
            else if (path.Contains("/.", StringComparison.Ordinal))
            {
                findings.Add(new AnalysisFinding(MemoryCodes.HiddenDirectory, FindingSeverity.Medium, [Arg("path", ArgumentType.Path, path), pid], binary, "T1564.001"));
            }
        }
    }

    private static void SampleFacts(SampleInfo sample, List<AnalysisFinding> findings)
    {
        if (sample.Elf?.UpxPacked == true)
        {
            findings.Add(new AnalysisFinding(MemoryCodes.Upx, FindingSeverity.Medium, [Arg("sha256", ArgumentType.Hash, sample.Sha256)], null, "T1027.002"));
        }

        if (sample.Elf is { Static: true, Stripped: true })
        {
            findings.Add(new AnalysisFinding(MemoryCodes.StaticStripped, FindingSeverity.Low, [Arg("sha256", ArgumentType.Hash, sample.Sha256)], null, "T1027"));
        }

        foreach (var section in sample.Sections.Where(s => s.Entropy >= HighEntropy && s.Size >= HighEntropyMinSize))
        {
            findings.Add(new AnalysisFinding(
                MemoryCodes.HighEntropySection,
                FindingSeverity.Medium,
                [Arg("section", ArgumentType.Text, section.Name), FindingArgument.Of("entropy", ArgumentType.Number, section.Entropy), Arg("size", ArgumentType.Bytes, section.Size)],
                new EvidenceReference(Offset: section.Offset, Length: section.Size),
                "T1027.002"));
        }

        if (sample.Pe is { } pe)
        {
            var functions = pe.Imports.SelectMany(i => i.Functions).ToHashSet(StringComparer.Ordinal);
            if (InjectionApis.All(functions.Contains))
            {
                findings.Add(new AnalysisFinding(
                    MemoryCodes.InjectionImports, FindingSeverity.High, [FindingArgument.List("functions", ArgumentType.Text, InjectionApis)], null, "T1055"));
            }

            if (!pe.SignaturePresent && !pe.IsDotNet)
            {
                findings.Add(new AnalysisFinding(MemoryCodes.UnsignedPe, FindingSeverity.Info, [Arg("sha256", ArgumentType.Hash, sample.Sha256)]));
            }
        }
    }

    private static FindingArgument Arg(string name, ArgumentType type, string value) => FindingArgument.Of(name, type, value);

    private static FindingArgument Arg(string name, ArgumentType type, long value) => FindingArgument.Of(name, type, value);

    private static FindingArgument Offsets(IReadOnlyList<long> offsets, long total)
    {
        var listed = FindingArgument.List("offsets", ArgumentType.Offset, offsets.Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return listed with { Total = Math.Max(total, listed.Total) };
    }

    private static EvidenceReference? At(long? offset) => offset is { } o ? new EvidenceReference(Offset: o) : null;

    private static EvidenceReference Rows(string table, string filter) => new(Table: table, Filter: filter);

    private static long Nanoseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;
}

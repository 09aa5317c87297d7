using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>Turns what the readers and the strings pass saw into findings a consultant acts on.</summary>
internal static class MemoryFindings
{
    private static readonly string[] UnusualDirectories = ["/tmp/", "/var/tmp/", "/dev/shm/", "/etc/", "/run/user/", "/boot/", "/lib/udev/"];
    private static readonly string[] UnusualWindowsDirectories = [@"\appdata\local\temp\", @"\users\public\", @"\programdata\", @"\windows\temp\", @"\$recycle.bin\"];
    private static readonly string[] InjectionApis = ["VirtualAllocEx", "WriteProcessMemory", "CreateRemoteThread"];

    public static void Structural(string kind, Structure structure, SampleInfo? sample, List<LegacyFinding> findings)
    {
        if (structure.Process is { } process && kind == "elf-core")
        {
            CoreProcess(process, structure.MappedFiles, structure.Elf, findings);
        }

        foreach (var note in structure.Notes)
        {
            findings.Add(new LegacyFinding(FindingSeverity.Info, "Dump context", note));
        }

        foreach (var module in structure.Modules)
        {
            var lower = module.Path.ToLowerInvariant();
            if (UnusualWindowsDirectories.Any(lower.Contains))
            {
                findings.Add(new LegacyFinding(FindingSeverity.Medium, "Module loaded from a user-writable directory", $"{module.Path} at 0x{module.BaseAddress:x}"));
            }
        }

        if (sample is not null)
        {
            SampleFacts(sample, findings);
        }
    }

    public static void FromStrings(string kind, IndicatorCollector strings, ChunkObserver raw, List<LegacyFinding> findings)
    {
        foreach (var (name, category) in strings.MalwareNames)
        {
            var severity = category == "ransomware" ? FindingSeverity.Critical : FindingSeverity.High;
            findings.Add(new LegacyFinding(severity, $"Known {category} name in strings: {name}", $"The string \"{name}\" ({category}) occurs in the {kind} data."));
        }

        if (strings.DynamicDnsDomains.Count > 0)
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, "Dynamic-DNS domain(s), typical of C&C servers",
                string.Join(", ", strings.DynamicDnsDomains.Select(d => $"{d.Key} ({d.Value})"))));
        }

        if (strings.MiningPoolDomains.Count > 0)
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, "Mining pool domain(s)", string.Join(", ", strings.MiningPoolDomains.Keys)));
        }

        if (strings.StratumUrls.Count > 0)
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, "Stratum mining URL(s)", string.Join(", ", strings.StratumUrls.Take(20))));
        }

        var byType = strings.Indicators.ToLookup(i => i.Type);
        if (byType[IndicatorType.Wallet].Any())
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, "Cryptocurrency wallet address(es)",
                string.Join(", ", byType[IndicatorType.Wallet].Take(20).Select(w => w.Value))));
        }

        if (byType[IndicatorType.Command].Any())
        {
            findings.Add(new LegacyFinding(FindingSeverity.High, "Download-and-run or shell commands",
                string.Join(" | ", byType[IndicatorType.Command].Take(10).Select(c => c.Value))));
        }

        if (byType[IndicatorType.StartupItem].Any())
        {
            findings.Add(new LegacyFinding(FindingSeverity.Medium, "Persistence (crontab, init scripts, preload)",
                string.Join(" | ", byType[IndicatorType.StartupItem].Take(10).Select(c => c.Value))));
        }

        if (byType[IndicatorType.Onion].Any())
        {
            findings.Add(new LegacyFinding(FindingSeverity.Medium, "Tor .onion address(es)", string.Join(", ", byType[IndicatorType.Onion].Take(20).Select(o => o.Value))));
        }

        // The file's own ELF header at offset 0 is not "embedded".
        var elf = raw.EmbeddedElfOffsets.Where(o => o != 0).ToList();
        var elfCount = raw.EmbeddedElfCount - (raw.EmbeddedElfOffsets.Contains(0) ? 1 : 0);
        if (elfCount > 0)
        {
            var sampleKind = kind is "elf" or "pe";
            findings.Add(new LegacyFinding(
                sampleKind ? FindingSeverity.High : FindingSeverity.Info,
                sampleKind ? "Sample embeds ELF image(s)" : "ELF headers in memory (loaded or dropped images)",
                string.Create(CultureInfo.InvariantCulture, $"{elfCount} ELF header(s) at offsets {string.Join(", ", elf.Take(16))}")));
        }

        var pe = strings.EmbeddedPeOffsets.Where(o => !(kind == "pe" && o < 512)).ToList();
        if (pe.Count > 0)
        {
            var sampleKind = kind is "elf" or "pe";
            findings.Add(new LegacyFinding(
                sampleKind ? FindingSeverity.High : FindingSeverity.Info,
                sampleKind ? "Sample embeds PE image(s)" : "PE headers in memory (loaded or dropped images)",
                string.Create(CultureInfo.InvariantCulture, $"{pe.Count} DOS stub(s) at offsets {string.Join(", ", pe.Take(16))}")));
        }
    }

    private static void CoreProcess(ProcessInfo process, IReadOnlyList<MappedFile> mapped, ElfImage? elf, List<LegacyFinding> findings)
    {
        var name = process.Name ?? string.Empty;
        var loads = elf?.Segments.Count(s => s.Type == ElfImage.PtLoad) ?? 0;
        if (name.StartsWith('[') && name.EndsWith(']') && (mapped.Count > 0 || loads > 0 || process.Ppid != 2))
        {
            findings.Add(new LegacyFinding(FindingSeverity.Critical, $"Process disguised as kernel thread {name}",
                string.Create(CultureInfo.InvariantCulture,
                    $"pid {process.Pid}, ppid {process.Ppid} (kernel threads are children of kthreadd, pid 2, and have no user-space memory); {mapped.Count} mapped file(s), {loads} memory segment(s); binary {process.ExecutablePath ?? "unknown"}")));
        }

        if (process.ExecutablePath is { } path)
        {
            if (path.EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, "The running binary was deleted from disk", path));
            }

            if (UnusualDirectories.Any(d => path.StartsWith(d, StringComparison.Ordinal)))
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, "Binary runs from an unusual location", path));
            }
            else if (path.Contains("/.", StringComparison.Ordinal))
            {
                findings.Add(new LegacyFinding(FindingSeverity.Medium, "Binary runs from a hidden directory", path));
            }
        }
    }

    private static void SampleFacts(SampleInfo sample, List<LegacyFinding> findings)
    {
        if (sample.Elf?.UpxPacked == true)
        {
            findings.Add(new LegacyFinding(FindingSeverity.Medium, "UPX-packed ELF", "The sample carries the UPX marker; unpack with `upx -d` before static analysis."));
        }

        if (sample.Elf is { Static: true, Stripped: true })
        {
            findings.Add(new LegacyFinding(FindingSeverity.Low, "Static, stripped ELF", "Statically linked and stripped binaries are typical of dropped miners and bots."));
        }

        foreach (var section in sample.Sections.Where(s => s.Entropy >= 7.2 && s.Size >= 4096))
        {
            findings.Add(new LegacyFinding(FindingSeverity.Medium, $"High-entropy section {section.Name}",
                string.Create(CultureInfo.InvariantCulture, $"entropy {section.Entropy:0.00} bits/byte over {section.Size} bytes: packed or encrypted content")));
        }

        if (sample.Pe is { } pe)
        {
            var functions = pe.Imports.SelectMany(i => i.Functions).ToHashSet(StringComparer.Ordinal);
            if (InjectionApis.All(functions.Contains))
            {
                findings.Add(new LegacyFinding(FindingSeverity.High, "Process-injection imports", string.Join(", ", InjectionApis)));
            }

            if (!pe.SignaturePresent && !pe.IsDotNet)
            {
                findings.Add(new LegacyFinding(FindingSeverity.Info, "PE has no Authenticode signature", "No certificate table is present."));
            }
        }
    }
}

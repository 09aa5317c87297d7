using System.Resources;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>Every finding and warning the memory analyser gives; texts in <c>MemoryText.resx</c> (English) and <c>MemoryText.zh-CN.resx</c>.</summary>
public sealed class MemoryFindingCatalogue : IFindingCatalogue
{
    public static readonly MemoryFindingCatalogue Instance = new();

    private static readonly ResourceManager Resources = new("CaseManager.Infrastructure.Analysis.Memory.MemoryText", typeof(MemoryFindingCatalogue).Assembly);

    public IReadOnlyList<FindingDefinition> Findings { get; } =
    [
        new(MemoryCodes.DumpContext, FindingSeverity.Info, null, ["system", "written", "started"],
            "A minidump names the Windows version it was written on (system info stream), with the dump and process start times."),
        new(MemoryCodes.ModuleWritableDirectory, FindingSeverity.Medium, "T1574", ["path", "base"],
            "A minidump module is loaded from a user-writable directory (AppData\\Local\\Temp, Users\\Public, ProgramData, Windows\\Temp, the recycle bin)."),
        new(MemoryCodes.KernelThreadName, FindingSeverity.Critical, "T1036.004", ["name", "recorded", "pid", "ppid", "mapped", "segments", "path", "offsets"],
            "An ELF core's process is named like a kernel thread ([name]) but has mapped files or memory segments, or a parent other than kthreadd (pid 2) "
            + "(critical); or, when the core records an ordinary name (gcore writes the cmdline basename, so a prctl rename is lost), a kernel-thread name "
            + "such as [ksoftirqd/7] or [kworker/0:1] is in the process's memory or mappings (high, with its offsets)."),
        new(MemoryCodes.DeletedBinary, FindingSeverity.High, "T1070.004", ["path", "pid"],
            "An ELF core's executable path ends in \" (deleted)\": the binary was removed from disk while it ran."),
        new(MemoryCodes.UnusualLocation, FindingSeverity.High, "T1036.005", ["path", "pid"],
            "An ELF core's executable lies under /tmp, /var/tmp, /dev/shm, /etc, /run/user, /boot or /lib/udev."),
        new(MemoryCodes.HiddenDirectory, FindingSeverity.Medium, "T1564.001", ["path", "pid"],
            "An ELF core's executable lies in a directory whose name starts with a dot (and not in an unusual location already reported)."),
        new(MemoryCodes.MinerName, FindingSeverity.High, "T1496", ["name", "category", "kind"],
            "A string contains the name of a known cryptocurrency miner (reference list, as a whole word); one finding per name."),
        new(MemoryCodes.MalwareName, FindingSeverity.High, null, ["name", "category", "kind"],
            "A string contains the name of known malware, a botnet or an attack tool (reference list, as a whole word); critical for ransomware."),
        new(MemoryCodes.DynamicDns, FindingSeverity.High, "T1568", ["domains", "zones"],
            "Strings contain host names under a dynamic-DNS zone (reference list of dynamic-DNS providers)."),
        new(MemoryCodes.MiningPool, FindingSeverity.High, "T1496", ["domains"],
            "Strings contain host names of known mining pools."),
        new(MemoryCodes.StratumUrl, FindingSeverity.High, "T1496", ["urls"],
            "Strings contain stratum+tcp/ssl URLs, the miner-to-pool protocol."),
        new(MemoryCodes.Wallet, FindingSeverity.High, "T1496", ["wallets"],
            "Strings contain cryptocurrency wallet addresses with a valid checksum (Bitcoin Base58/Bech32, Monero, Ethereum)."),
        new(MemoryCodes.DownloadAndRun, FindingSeverity.High, "T1059.004", ["commands"],
            "Strings contain command lines that download and run code (curl/wget piped to a shell, chmod +x and run, base64 decode and run) or open reverse shells (/dev/tcp)."),
        new(MemoryCodes.Persistence, FindingSeverity.Medium, "T1053.003", ["entries"],
            "Strings contain crontab lines, init or rc.local scripts, systemd units, .bashrc or ld.so.preload entries."),
        new(MemoryCodes.Onion, FindingSeverity.Medium, "T1090.003", ["addresses"],
            "Strings contain Tor v2/v3 .onion addresses."),
        new(MemoryCodes.ElfHeaders, FindingSeverity.Info, null, ["count", "offsets"],
            "A dump (core, minidump, raw memory) holds ELF headers other than the file's own: loaded or dropped images."),
        new(MemoryCodes.PeHeaders, FindingSeverity.Info, null, ["count", "offsets"],
            "A dump holds PE DOS stubs (\"This program cannot be run in DOS mode\"): loaded or dropped images."),
        new(MemoryCodes.EmbeddedElf, FindingSeverity.High, "T1027.009", ["count", "offsets"],
            "An ELF or PE sample holds an ELF header after its own: an embedded payload."),
        new(MemoryCodes.EmbeddedPe, FindingSeverity.High, "T1027.009", ["count", "offsets"],
            "An ELF or PE sample holds a PE DOS stub after its own headers: an embedded payload."),
        new(MemoryCodes.Upx, FindingSeverity.Medium, "T1027.002", ["sha256"],
            "An ELF sample carries the UPX! marker."),
        new(MemoryCodes.StaticStripped, FindingSeverity.Low, "T1027", ["sha256"],
            "An ELF sample has no program interpreter (static) and no symbol table (stripped)."),
        new(MemoryCodes.HighEntropySection, FindingSeverity.Medium, "T1027.002", ["section", "entropy", "size"],
            "A sample section of at least 4 KiB has a Shannon entropy of 7.2 bits per byte or more."),
        new(MemoryCodes.InjectionImports, FindingSeverity.High, "T1055", ["functions"],
            "A PE sample imports VirtualAllocEx, WriteProcessMemory and CreateRemoteThread."),
        new(MemoryCodes.UnsignedPe, FindingSeverity.Info, null, ["sha256"],
            "A native (non-.NET) PE sample has no certificate table (no Authenticode signature)."),
    ];

    public IReadOnlyList<string> Warnings { get; } =
    [
        MemoryCodes.WarnEmpty, MemoryCodes.WarnNamedLikeMinidump, MemoryCodes.WarnStructureUnreadable, MemoryCodes.WarnSampleUnreadable,
        MemoryCodes.WarnIndicatorLimit, MemoryCodes.WarnElfBadMagic, MemoryCodes.WarnMzWithoutPe, MemoryCodes.WarnMinidumpNoProcess,
        MemoryCodes.WarnSectionBeyondEnd, MemoryCodes.WarnCoreNoNotes, MemoryCodes.WarnCoreNotesBeyondEnd, MemoryCodes.WarnCoreNotesTruncated,
        MemoryCodes.WarnCoreTruncated, MemoryCodes.WarnCoreBogusNote, MemoryCodes.WarnCorePrstatusShort, MemoryCodes.WarnCorePrpsinfoSize,
        MemoryCodes.WarnCoreFileNoteShort, MemoryCodes.WarnCoreFileNoteCount, MemoryCodes.WarnCoreFileNoteNames, MemoryCodes.WarnElfHeaderTruncated,
        MemoryCodes.WarnElfProgramEntrySize, MemoryCodes.WarnElfSectionEntrySize, MemoryCodes.WarnElfProgramHeadersTruncated,
        MemoryCodes.WarnElfSectionHeadersTruncated, MemoryCodes.WarnElfStrtabUnmapped, MemoryCodes.WarnMinidumpHeaderTruncated,
        MemoryCodes.WarnMinidumpTooManyStreams, MemoryCodes.WarnMinidumpDirectoryTruncated, MemoryCodes.WarnMinidumpStreamBeyondEnd,
        MemoryCodes.WarnMinidumpThreadsTruncated, MemoryCodes.WarnMinidumpModulesTruncated, MemoryCodes.WarnMinidumpModuleNameBeyondEnd,
        MemoryCodes.WarnPeImportsDamaged, MemoryCodes.WarnPeImportOutside,
    ];

    public ResourceManager Text => Resources;

    /// <summary>The tables a memory run writes (labels <c>table.{name}</c>, <c>column.{name}.{column}</c>).</summary>
    public static IReadOnlyList<ResultTableSchema> Tables => MemoryTables.All;
}

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>The stable finding and warning codes of the memory analyser; rules and texts key on them.</summary>
internal static class MemoryCodes
{
    public const string DumpContext = "memory.dump.context";
    public const string ModuleWritableDirectory = "memory.module.writable-directory";
    public const string KernelThreadName = "memory.process.kernel-thread-name";
    public const string DeletedBinary = "memory.process.deleted-binary";
    public const string UnusualLocation = "memory.process.unusual-location";
    public const string HiddenDirectory = "memory.process.hidden-directory";
    public const string MinerName = "memory.strings.miner-name";
    public const string MalwareName = "memory.strings.malware-name";
    public const string DynamicDns = "memory.strings.dynamic-dns";
    public const string MiningPool = "memory.strings.mining-pool";
    public const string StratumUrl = "memory.strings.stratum-url";
    public const string Wallet = "memory.strings.wallet";
    public const string DownloadAndRun = "memory.strings.download-and-run";
    public const string Persistence = "memory.strings.persistence";
    public const string Onion = "memory.strings.onion";
    public const string ElfHeaders = "memory.dump.elf-headers";
    public const string PeHeaders = "memory.dump.pe-headers";
    public const string EmbeddedElf = "memory.sample.embedded-elf";
    public const string EmbeddedPe = "memory.sample.embedded-pe";
    public const string Upx = "memory.sample.upx";
    public const string StaticStripped = "memory.sample.static-stripped";
    public const string HighEntropySection = "memory.sample.high-entropy-section";
    public const string InjectionImports = "memory.sample.injection-imports";
    public const string UnsignedPe = "memory.sample.unsigned-pe";

    public const string WarnEmpty = "memory.file.empty";
    public const string WarnNamedLikeMinidump = "memory.file.not-a-minidump";
    public const string WarnStructureUnreadable = "memory.file.structure-unreadable";
    public const string WarnSampleUnreadable = "memory.sample.unreadable";
    public const string WarnIndicatorLimit = "memory.strings.indicator-limit";
    public const string WarnElfBadMagic = "memory.elf.bad-class";
    public const string WarnMzWithoutPe = "memory.pe.no-pe-header";
    public const string WarnMinidumpNoProcess = "memory.minidump.no-process";
    public const string WarnSectionBeyondEnd = "memory.sample.section-beyond-end";
    public const string WarnCoreNoNotes = "memory.core.no-notes";
    public const string WarnCoreNotesBeyondEnd = "memory.core.notes-beyond-end";
    public const string WarnCoreNotesTruncated = "memory.core.notes-truncated";
    public const string WarnCoreTruncated = "memory.core.truncated";
    public const string WarnCoreBogusNote = "memory.core.bogus-note-size";
    public const string WarnCorePrstatusShort = "memory.core.prstatus-short";
    public const string WarnCorePrpsinfoSize = "memory.core.prpsinfo-size";
    public const string WarnCoreFileNoteShort = "memory.core.file-note-short";
    public const string WarnCoreFileNoteCount = "memory.core.file-note-count";
    public const string WarnCoreFileNoteNames = "memory.core.file-note-names";
    public const string WarnElfHeaderTruncated = "memory.elf.header-truncated";
    public const string WarnElfProgramEntrySize = "memory.elf.program-entry-size";
    public const string WarnElfSectionEntrySize = "memory.elf.section-entry-size";
    public const string WarnElfProgramHeadersTruncated = "memory.elf.program-headers-truncated";
    public const string WarnElfSectionHeadersTruncated = "memory.elf.section-headers-truncated";
    public const string WarnElfStrtabUnmapped = "memory.elf.strtab-unmapped";
    public const string WarnMinidumpHeaderTruncated = "memory.minidump.header-truncated";
    public const string WarnMinidumpTooManyStreams = "memory.minidump.too-many-streams";
    public const string WarnMinidumpDirectoryTruncated = "memory.minidump.directory-truncated";
    public const string WarnMinidumpStreamBeyondEnd = "memory.minidump.stream-beyond-end";
    public const string WarnMinidumpThreadsTruncated = "memory.minidump.threads-truncated";
    public const string WarnMinidumpModulesTruncated = "memory.minidump.modules-truncated";
    public const string WarnMinidumpModuleNameBeyondEnd = "memory.minidump.module-name-beyond-end";
    public const string WarnPeImportsDamaged = "memory.pe.imports-damaged";
    public const string WarnPeImportOutside = "memory.pe.import-outside-image";

    public const string MappedFilesTable = "mapped_files";
    public const string ModulesTable = "modules";
    public const string ThreadsTable = "threads";
    public const string StringsIndexTable = "strings_index";
}

namespace CaseManager.Application.Analysis.Memory;

/// <summary>
/// The outcome of analysing a memory dump, core, minidump or sample. <paramref name="Kind"/> names the
/// analyser that ran: <c>elf-core</c>, <c>minidump</c>, <c>elf</c>, <c>pe</c> or <c>raw-memory</c>.
/// Damaged input yields a partial result with <paramref name="Warnings"/>.
/// </summary>
public sealed record MemoryAnalysisResult(
    string Kind,
    string? FileName,
    long Size,
    StringCounts Strings,
    ProcessInfo? Process,
    IReadOnlyList<MappedFile> MappedFiles,
    IReadOnlyList<ModuleInfo> Modules,
    IReadOnlyList<ThreadInfo> Threads,
    SampleInfo? Sample,
    IReadOnlyList<AnalysisFinding> Findings,
    IReadOnlyList<AnalysisIndicator> Indicators,
    IReadOnlyList<AnalysisWarning> Warnings);

namespace CaseManager.Application.Analysis.Memory;

/// <summary>
/// Analyses memory evidence in one streaming pass: raw memory dumps, ELF core files, Windows
/// minidumps and executable samples (ELF, PE). Anything unrecognised is treated as a raw blob.
/// </summary>
public interface IMemoryAnalyzer
{
    Task<MemoryAnalysisResult> AnalyzeAsync(Stream input, string? fileName, IProgress<double>? progress, CancellationToken ct);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetMemoryView;

/// <summary>
/// A dump's or sample's analysis for the evidence page: the stored facts of the run's summary document (kind, size,
/// string counts, process, sample) and its tables for the tabs (mapped files, modules, threads through
/// <see cref="GetResultTableQuery"/>). Its strings are paged by <c>GetDumpStringsQuery</c>.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetMemoryViewQuery(Guid EvidenceId) : IQuery<MemoryViewDto>;

/// <summary>The summary of the run: <c>Result</c> is the analysis result without its lists (they are the run's tables).</summary>
public sealed record MemoryViewDto(Guid EvidenceId, Guid CaseId, string Name, MemoryAnalysisResult Result, IReadOnlyList<string> Warnings, IReadOnlyList<ResultTableTabDto> Tables);

public sealed class GetMemoryViewQueryHandler(IApplicationDbContext db, IAnalysisRunStore store, IAnalyserRegistry analysers)
    : IQueryHandler<GetMemoryViewQuery, MemoryViewDto>
{
    /// <summary>Checkpoints for paging the dump's strings: an index, not something a reader looks at.</summary>
    public const string StringsIndexTable = "strings_index";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async ValueTask<MemoryViewDto> Handle(GetMemoryViewQuery query, CancellationToken cancellationToken)
    {
        var run = await AnalysedRun.LoadAsync(db, store, analysers, query.EvidenceId, cancellationToken);
        var json = await store.SummaryAsync(run.Id, run.Run, cancellationToken);
        var stored = string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<MemorySummary>(json, Json);
        var result = new MemoryAnalysisResult(
            stored?.Kind ?? string.Empty,
            stored?.FileName,
            stored?.Size ?? 0,
            stored?.Strings ?? new StringCounts(0, 0),
            stored?.Process,
            [],
            [],
            [],
            stored?.Sample,
            [],
            [],
            []);
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        return new MemoryViewDto(
            query.EvidenceId,
            run.CaseId,
            run.Name,
            result,
            run.Warnings,
            run.Tables.Where(t => t.Name != StringsIndexTable).Select(t => new ResultTableTabDto(t.Name, ResultLabels.Table(run.Catalogue, t.Name, culture))).ToList());
    }
}

/// <summary>The memory analyser's run summary: the result's facts; its lists are the run's tables (only their counts here).</summary>
internal sealed record MemorySummary(string? Kind, string? FileName, long Size, StringCounts? Strings, ProcessInfo? Process, SampleInfo? Sample);

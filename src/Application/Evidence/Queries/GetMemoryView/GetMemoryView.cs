using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetMemoryView;

/// <summary>
/// A dump's or sample's analysis for the evidence page: the stored facts (process, mapped files, modules, sample).
/// Its strings are paged by <c>GetDumpStringsQuery</c>.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetMemoryViewQuery(Guid EvidenceId) : IQuery<MemoryViewDto>;

public sealed record MemoryViewDto(Guid EvidenceId, Guid CaseId, string Name, MemoryAnalysisResult Result);

public sealed class GetMemoryViewQueryHandler(IApplicationDbContext db, IAnalysisResultStore results)
    : IQueryHandler<GetMemoryViewQuery, MemoryViewDto>
{
    public async ValueTask<MemoryViewDto> Handle(GetMemoryViewQuery query, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(query.EvidenceId);
        var item = await db.Evidence.AsNoTracking().Where(e => e.Id == id)
                       .Select(e => new { e.CaseId, e.OriginalName, e.AnalysisRun })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException(nameof(EvidenceItem), query.EvidenceId);
        var result = await results.LoadMemoryAsync(id, item.AnalysisRun, cancellationToken)
            ?? throw new NotFoundException("Memory analysis", query.EvidenceId);
        return new MemoryViewDto(query.EvidenceId, item.CaseId.Value, item.OriginalName, result);
    }
}

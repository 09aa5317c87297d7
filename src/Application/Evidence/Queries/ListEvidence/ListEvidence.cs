using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.ListEvidence;

/// <summary>The case's evidence register, newest first.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListEvidenceQuery(Guid CaseId) : IQuery<IReadOnlyList<EvidenceRowDto>>;

public sealed record EvidenceRowDto(
    Guid Id,
    string OriginalName,
    EvidenceKind Kind,
    long Size,
    string Sha256,
    string Sha1,
    string Md5,
    string? ReceivedBy,
    DateTimeOffset ReceivedAt,
    AnalysisStatus Status,
    int Progress,
    string? Message,
    int FindingCount);

public sealed class ListEvidenceQueryHandler(IApplicationDbContext db) : IQueryHandler<ListEvidenceQuery, IReadOnlyList<EvidenceRowDto>>
{
    public async ValueTask<IReadOnlyList<EvidenceRowDto>> Handle(ListEvidenceQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        return await db.Evidence.AsNoTracking()
            .Where(e => e.CaseId == caseId)
            .OrderByDescending(e => e.Id)
            .Select(e => new EvidenceRowDto(
                e.Id.Value, e.OriginalName, e.Kind, e.Size, e.Sha256, e.Sha1, e.Md5, e.CreatedBy, e.CreatedAt,
                e.AnalysisStatus, e.AnalysisProgress, e.AnalysisMessage,
                db.EvidenceFindings.Count(f => f.EvidenceId == e.Id)))
            .ToListAsync(cancellationToken);
    }
}

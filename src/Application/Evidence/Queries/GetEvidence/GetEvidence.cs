using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetEvidence;

/// <summary>One evidence item: facts, chain of custody (verified), findings and indicators of the latest run.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetEvidenceQuery(Guid EvidenceId) : IQuery<EvidenceDetailsDto>;

public sealed record EvidenceDetailsDto(
    Guid Id,
    Guid CaseId,
    string CaseNumber,
    string OriginalName,
    EvidenceKind Kind,
    EvidenceKind DetectedKind,
    long Size,
    string Sha256,
    string Sha1,
    string Md5,
    AnalysisStatus Status,
    int Progress,
    string? Message,
    IReadOnlyList<string> Warnings,
    string? Analyser,
    int Run,
    DateTimeOffset? AnalysedAt,
    IReadOnlyList<CustodyDto> Custody,
    int? BrokenCustodyAt,
    IReadOnlyList<FindingView> Findings,
    IReadOnlyList<IndicatorDto> Indicators,
    Guid? HostId,
    string? AcquiredBy,
    DateTimeOffset? AcquiredAt,
    string? Notes,
    IReadOnlyList<EvidenceHostDto> CaseHosts);

/// <summary>An affected host of the case (from the intake) that evidence can be attributed to.</summary>
public sealed record EvidenceHostDto(Guid Id, string Label);

public sealed record CustodyDto(int Sequence, CustodyAction Action, string Actor, DateTimeOffset At, string Details, string Hash);

public sealed record IndicatorDto(IndicatorType Type, string Value, string? Context, IndicatorRelevance Relevance);

public sealed class GetEvidenceQueryHandler(IApplicationDbContext db, FindingPresenter presenter) : IQueryHandler<GetEvidenceQuery, EvidenceDetailsDto>
{
    public async ValueTask<EvidenceDetailsDto> Handle(GetEvidenceQuery query, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(query.EvidenceId);
        var item = await db.Evidence.AsNoTracking().Include(e => e.Custody).SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), query.EvidenceId);
        var number = await db.Cases.Where(c => c.Id == item.CaseId).Select(c => c.Number).SingleAsync(cancellationToken);
        var intake = await db.Intakes.AsNoTracking().Where(i => i.CaseId == item.CaseId).Select(i => i.Data).SingleOrDefaultAsync(cancellationToken);
        var hosts = (intake?.Hosts ?? [])
            .Select(h => new EvidenceHostDto(h.Id, string.Join(" ", new[] { h.Hostname, string.Join(", ", h.IpAddresses ?? []) }.Where(t => !string.IsNullOrEmpty(t)))))
            .ToList();
        var findings = (await db.EvidenceFindings.AsNoTracking().Where(f => f.EvidenceId == id)
                .OrderByDescending(f => f.Severity).ThenBy(f => f.Id)
                .ToListAsync(cancellationToken))
            .Select(presenter.Present).ToList();
        var indicators = await db.EvidenceIndicators.AsNoTracking().Where(i => i.EvidenceId == id)
            .OrderByDescending(i => i.Relevance).ThenBy(i => i.Type).ThenBy(i => i.Value).Take(1000)
            .Select(i => new IndicatorDto(i.Type, i.Value, i.Context, i.Relevance)).ToListAsync(cancellationToken);
        return new EvidenceDetailsDto(
            item.Id.Value, item.CaseId.Value, number.Value, item.OriginalName, item.Kind, item.DetectedKind, item.Size,
            item.Sha256, item.Sha1, item.Md5, item.AnalysisStatus, item.AnalysisProgress, item.AnalysisMessage,
            item.AnalysisStatus == AnalysisStatus.SucceededWithWarnings ? presenter.Warnings(item.AnalysisMessage, item.Analyser) : [],
            item.Analyser,
            item.AnalysisRun, item.AnalysedAt,
            item.Custody.OrderBy(c => c.Sequence).Select(c => new CustodyDto(c.Sequence, c.Action, c.Actor, c.At, c.Details, c.Hash)).ToList(),
            CustodyEntry.FirstBrokenLink(item.Custody),
            findings,
            indicators,
            item.HostId,
            item.AcquiredBy,
            item.AcquiredAt,
            item.Notes,
            hosts);
    }
}

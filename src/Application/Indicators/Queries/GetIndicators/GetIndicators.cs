using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.Indicators.Queries.GetIndicators;

/// <summary>
/// A case's IOC register, filtered. The ordinary (context relevance, not assessed) is counted, and listed only when
/// <see cref="IncludeOrdinary"/> is set.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetIndicatorsQuery(
    Guid CaseId,
    bool IncludeOrdinary = false,
    IndicatorType? Type = null,
    IndicatorStatus? Status = null,
    string? Search = null) : IQuery<IndicatorRegisterDto>;

public sealed record IndicatorRegisterDto(
    Guid CaseId,
    string CaseNumber,
    string Title,
    TrafficLightProtocol CaseTlp,
    IReadOnlyList<RegisterEntry> Entries,
    int Total,
    int OrdinaryTotal);

public sealed class GetIndicatorsQueryHandler(IApplicationDbContext db) : IQueryHandler<GetIndicatorsQuery, IndicatorRegisterDto>
{
    public async ValueTask<IndicatorRegisterDto> Handle(GetIndicatorsQuery query, CancellationToken cancellationToken)
    {
        var id = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Number, c.Title, c.Tlp }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        var all = await IndicatorRegister.BuildAsync(db, id, crossCase: true, cancellationToken);
        var search = query.Search?.Trim();
        var filtered = all
            .Where(e => query.Type is null || e.Type == query.Type)
            .Where(e => query.Status is null || e.Status == query.Status)
            .Where(e => string.IsNullOrEmpty(search)
                || e.Value.Contains(search, StringComparison.OrdinalIgnoreCase)
                || e.Tags.Any(t => t.Contains(search, StringComparison.OrdinalIgnoreCase))
                || (e.Note?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false))
            .ToList();
        return new IndicatorRegisterDto(
            query.CaseId,
            incident.Number.ToString(),
            incident.Title,
            incident.Tlp,
            query.IncludeOrdinary ? filtered : filtered.Where(e => !e.IsOrdinary).ToList(),
            all.Count,
            filtered.Count(e => e.IsOrdinary));
    }
}

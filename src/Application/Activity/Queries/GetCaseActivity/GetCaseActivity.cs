using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Activity.Queries.GetCaseActivity;

/// <summary>
/// Who did what on a case, newest first: the case's own activity records (notes, manual timeline events) merged with
/// what other records already keep — the phase history, every evidence item's chain of custody and the intake's versions.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetCaseActivityQuery(Guid CaseId, int Limit = GetCaseActivityQueryHandler.DefaultLimit) : IQuery<IReadOnlyList<ActivityItemDto>>;

/// <summary>What an activity line says; its label comes from the resources as <c>Activity.{name}</c>.</summary>
public enum ActivityItemKind
{
    CaseOpened,
    PhaseChanged,
    IntakeSaved,
    EvidenceReceived,
    EvidenceAnalysed,
    EvidenceAnalysisFailed,
    EvidenceDownloaded,
    EvidenceKindChanged,
    NoteAdded,
    NoteEdited,
    NoteDeleted,
    TimelineEventAdded,
    TimelineEventRemoved,
}

/// <summary>One line of the feed; Value is a kind-specific value the page translates (the new phase), or null.</summary>
public sealed record ActivityItemDto(DateTimeOffset At, string Actor, ActivityItemKind Kind, string Subject, string? Value);

public sealed class GetCaseActivityQueryHandler(IApplicationDbContext db) : IQueryHandler<GetCaseActivityQuery, IReadOnlyList<ActivityItemDto>>
{
    public const int DefaultLimit = 200;

    public async ValueTask<IReadOnlyList<ActivityItemDto>> Handle(GetCaseActivityQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking().Include(c => c.History).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var items = new List<ActivityItemDto>();
        foreach (var change in incident.History)
        {
            items.Add(change.From is null
                ? new ActivityItemDto(change.ChangedAt, change.ChangedBy, ActivityItemKind.CaseOpened, incident.Number.Value, null)
                : new ActivityItemDto(change.ChangedAt, change.ChangedBy, ActivityItemKind.PhaseChanged, change.Comment ?? string.Empty, change.To.ToString()));
        }

        var own = await db.Activity.AsNoTracking().Where(a => a.CaseId == caseId).OrderByDescending(a => a.At).Take(limit).ToListAsync(cancellationToken);
        items.AddRange(own.Select(a => new ActivityItemDto(a.At, a.Actor, (ActivityItemKind)Enum.Parse(typeof(ActivityItemKind), a.Kind.ToString()), a.Subject, null)));

        var custody = await db.Evidence.AsNoTracking().Where(e => e.CaseId == caseId)
            .SelectMany(e => e.Custody, (e, c) => new { e.OriginalName, c.Action, c.Actor, c.At })
            .OrderByDescending(c => c.At).Take(limit).ToListAsync(cancellationToken);
        items.AddRange(custody.Select(c => new ActivityItemDto(c.At, c.Actor, c.Action switch
        {
            CustodyAction.Received => ActivityItemKind.EvidenceReceived,
            CustodyAction.Analysed => ActivityItemKind.EvidenceAnalysed,
            CustodyAction.Downloaded => ActivityItemKind.EvidenceDownloaded,
            CustodyAction.KindChanged => ActivityItemKind.EvidenceKindChanged,
            _ => ActivityItemKind.EvidenceAnalysisFailed,
        }, c.OriginalName, null)));

        var versions = await db.Intakes.AsNoTracking().Where(i => i.CaseId == caseId)
            .SelectMany(i => i.Versions, (i, v) => new { v.Number, v.Status, v.SavedBy, v.SavedByClient, v.SavedAt })
            .OrderByDescending(v => v.SavedAt).Take(limit).ToListAsync(cancellationToken);
        items.AddRange(versions.Select(v => new ActivityItemDto(v.SavedAt, v.SavedByClient ? v.SavedBy + " (client)" : v.SavedBy, ActivityItemKind.IntakeSaved,
            "v" + v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), v.Status.ToString())));

        return items.OrderByDescending(i => i.At).Take(limit).ToList();
    }
}

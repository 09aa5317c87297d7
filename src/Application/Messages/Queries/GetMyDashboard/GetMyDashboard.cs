using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Remediation;

namespace CaseManager.Application.Messages.Queries.GetMyDashboard;

/// <summary>
/// The consultant's start page: the open cases assigned to them and, per case, what changed since they last opened
/// it (or, for a case they never opened, since they were assigned): evidence received, analyses finished, intake
/// versions saved by the client and messages from the client; and its remediation items past their due date (open or in
/// progress). Cases with changes or overdue items come first.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetMyDashboardQuery : IQuery<MyDashboardDto>;

public sealed record MyDashboardDto(IReadOnlyList<MyCaseDto> Cases);

public sealed record MyCaseDto(
    Guid Id,
    string Number,
    string Title,
    string ClientName,
    Severity Severity,
    CasePhase Phase,
    DateTimeOffset? LastSeen,
    DateTimeOffset Since,
    int NewEvidence,
    int FinishedAnalyses,
    int ClientIntakeEdits,
    int ClientMessages,
    int OverdueItems)
{
    public bool Changed => NewEvidence + FinishedAnalyses + ClientIntakeEdits + ClientMessages > 0;

    public bool NeedsAttention => Changed || OverdueItems > 0;
}

public sealed class GetMyDashboardQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : IQueryHandler<GetMyDashboardQuery, MyDashboardDto>
{
    /// <summary>The dashboard lists at most this many cases (the case list has the rest).</summary>
    public const int MaxCases = 100;

    public async ValueTask<MyDashboardDto> Handle(GetMyDashboardQuery query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId ?? throw new ForbiddenAccessException();
        var mine = await db.Cases.AsNoTracking()
            .Where(c => c.Phase != CasePhase.Closed && c.Assignments.Any(a => a.UserId == me))
            .OrderByDescending(c => c.Number)
            .Take(MaxCases)
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new
            {
                c.Id,
                Number = c.Number.Value,
                c.Title,
                ClientName = k.Name,
                c.Severity,
                c.Phase,
                AssignedAt = c.Assignments.Where(a => a.UserId == me).Select(a => a.AssignedAt).First(),
            })
            .ToListAsync(cancellationToken);
        var ids = mine.Select(c => c.Id).ToList();
        var seen = await db.CaseLastSeen.AsNoTracking()
            .Where(s => s.UserId == me && ids.Contains(s.CaseId))
            .ToDictionaryAsync(s => s.CaseId, s => s.SeenAt, cancellationToken);

        // Five queries for all cases together: the rows after the earliest "since", then per case in memory.
        var sinceOf = mine.ToDictionary(c => c.Id, c => seen.TryGetValue(c.Id, out var at) ? at : c.AssignedAt);
        var earliest = sinceOf.Count == 0 ? DateTimeOffset.MaxValue : sinceOf.Values.Min();
        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => ids.Contains(e.CaseId) && (e.CreatedAt > earliest || e.AnalysedAt > earliest))
            .Select(e => new { e.CaseId, e.CreatedAt, e.AnalysedAt, e.AnalysisStatus })
            .ToListAsync(cancellationToken);
        var intake = await db.Intakes.AsNoTracking()
            .Where(i => ids.Contains(i.CaseId))
            .SelectMany(i => i.Versions.Where(v => v.SavedByClient && v.SavedAt > earliest), (i, v) => new { i.CaseId, v.SavedAt })
            .ToListAsync(cancellationToken);
        var messages = await db.CaseMessages.AsNoTracking()
            .Where(m => ids.Contains(m.CaseId) && m.FromClient && m.SentAt > earliest)
            .Select(m => new { m.CaseId, m.SentAt })
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var overdue = await db.RemediationItems.AsNoTracking()
            .Where(i => ids.Contains(i.CaseId) && i.DueOn != null && i.DueOn < today
                && (i.Status == RemediationStatus.Open || i.Status == RemediationStatus.InProgress))
            .Select(i => i.CaseId)
            .ToListAsync(cancellationToken);

        var result = new List<MyCaseDto>(mine.Count);
        foreach (var c in mine)
        {
            var since = sinceOf[c.Id];
            result.Add(new MyCaseDto(
                c.Id.Value, c.Number, c.Title, c.ClientName, c.Severity, c.Phase,
                seen.TryGetValue(c.Id, out var lastSeen) ? lastSeen : null,
                since,
                evidence.Count(e => e.CaseId == c.Id && e.CreatedAt > since),
                evidence.Count(e => e.CaseId == c.Id && e.AnalysedAt > since && e.AnalysisStatus is AnalysisStatus.Succeeded or AnalysisStatus.SucceededWithWarnings or AnalysisStatus.Failed),
                intake.Count(v => v.CaseId == c.Id && v.SavedAt > since),
                messages.Count(m => m.CaseId == c.Id && m.SentAt > since),
                overdue.Count(id => id == c.Id)));
        }

        return new MyDashboardDto(result.OrderByDescending(c => c.NeedsAttention).ThenByDescending(c => c.Severity).ThenByDescending(c => c.Number, StringComparer.Ordinal).ToList());
    }
}

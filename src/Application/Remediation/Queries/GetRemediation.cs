using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Remediation;

namespace CaseManager.Application.Remediation.Queries;

public sealed record RemediationItemDto(
    Guid Id,
    RemediationStage Stage,
    RemediationSource Source,
    RemediationStatus Status,
    int? PlaybookVersion,
    string? TextEn,
    string? TextZh,
    string? Action,
    string? FindingCode,
    string? Target,
    string? Command,
    Guid? EvidenceId,
    string? EvidenceName,
    string? AssigneeUserId,
    string? AssigneeName,
    bool AssignedToClient,
    DateOnly? DueOn,
    bool Overdue,
    string? Note,
    string? Reason,
    string? Proof,
    string UpdatedBy,
    DateTimeOffset UpdatedAt,
    Guid? VerifiedByEvidenceId,
    Guid? StillPresentInEvidenceId,
    IReadOnlyList<RemediationProofDto> Proofs);

/// <summary>A proof file attached to an item: its name, size, SHA-256, who attached it and when.</summary>
public sealed record RemediationProofDto(Guid Id, string FileName, long Size, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

public sealed record StageProgress(RemediationStage Stage, int Total, int Completed);

public sealed record AssigneeOption(string UserId, string Name, bool Client);

public sealed record RemediationView(Guid CaseId, string CaseNumber, string CaseTitle, IReadOnlyList<RemediationItemDto> Items, IReadOnlyList<StageProgress> Progress, IReadOnlyList<AssigneeOption> Assignees)
{
    public int Total => Items.Count(i => i.Status != RemediationStatus.WontDo);

    /// <summary>Items done or verified (won't do items are not counted at all).</summary>
    public int Completed => Items.Count(i => i.Status is RemediationStatus.Done or RemediationStatus.Verified);
}

/// <summary>
/// A case's remediation checklist, by stage, with progress per stage. Staff see every item; a client user sees only the
/// items assigned to their organisation (the tenant filter), and never another organisation's case.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record GetRemediationQuery(Guid CaseId) : IQuery<RemediationView>;

public sealed class GetRemediationQueryHandler(IApplicationDbContext db, IIdentityService identity, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<GetRemediationQuery, RemediationView>
{
    public async ValueTask<RemediationView> Handle(GetRemediationQuery query, CancellationToken cancellationToken)
    {
        var id = new CaseId(query.CaseId);
        var incident = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Number, c.Title, c.ClientId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        var items = await db.RemediationItems.AsNoTracking().Where(i => i.CaseId == id).ToListAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.CaseId == id).Select(e => new { e.Id, e.OriginalName }).ToDictionaryAsync(e => e.Id, e => e.OriginalName, cancellationToken);
        var itemIds = items.Select(i => i.Id).ToList();
        var proofs = (await db.RemediationProofs.AsNoTracking().Where(p => p.CaseId == id && itemIds.Contains(p.ItemId)).ToListAsync(cancellationToken))
            .OrderBy(p => p.UploadedAt)
            .ToLookup(p => p.ItemId, p => new RemediationProofDto(p.Id, p.FileName, p.Size, p.Sha256, p.UploadedBy, p.UploadedAt));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var dtos = items.OrderBy(i => i.Stage).ThenBy(i => i.Order).ThenBy(i => i.Id)
            .Select(i => new RemediationItemDto(
                i.Id, i.Stage, i.Source, i.Status, i.PlaybookVersion, i.TextEn, i.TextZh, i.Action, i.FindingCode, i.Target, i.Command,
                i.EvidenceId?.Value, i.EvidenceId is { } e && evidence.TryGetValue(e, out var name) ? name : null,
                i.AssigneeUserId, i.AssigneeName, i.AssignedToClient, i.DueOn, i.IsOverdue(today), i.Note, i.Reason, i.Proof, i.UpdatedBy, i.UpdatedAt,
                i.VerifiedByEvidenceId?.Value, i.StillPresentInEvidenceId?.Value, proofs[i.Id].ToList()))
            .ToList();
        var progress = Enum.GetValues<RemediationStage>()
            .Select(s => new StageProgress(
                s,
                dtos.Count(i => i.Stage == s && i.Status != RemediationStatus.WontDo),
                dtos.Count(i => i.Stage == s && i.Status is RemediationStatus.Done or RemediationStatus.Verified)))
            .ToList();
        IReadOnlyList<AssigneeOption> assignees = [];
        if (currentUser.IsInRole(Roles.Admin) || currentUser.IsInRole(Roles.Consultant))
        {
            assignees = (await identity.ListUsersAsync(cancellationToken))
                .Where(u => !u.Disabled && (u.Role is Roles.Admin or Roles.Consultant || (u.Role == Roles.Client && u.ClientId == incident.ClientId.Value)))
                .Select(u => new AssigneeOption(u.Id, u.DisplayName, u.Role == Roles.Client))
                .OrderBy(u => u.Client).ThenBy(u => u.Name, StringComparer.CurrentCulture)
                .ToList();
        }

        return new RemediationView(query.CaseId, incident.Number.Value, incident.Title, dtos, progress, assignees);
    }
}

/// <summary>The remediation items assigned to the caller's organisation, over all its cases (the portal's list).</summary>
[Authorize(Roles = Roles.Client)]
public sealed record ListMyRemediationQuery : IQuery<IReadOnlyList<PortalRemediationCase>>;

public sealed record PortalRemediationCase(Guid CaseId, string CaseNumber, string CaseTitle, int Open, int Total);

public sealed class ListMyRemediationQueryHandler(IApplicationDbContext db) : IQueryHandler<ListMyRemediationQuery, IReadOnlyList<PortalRemediationCase>>
{
    public async ValueTask<IReadOnlyList<PortalRemediationCase>> Handle(ListMyRemediationQuery query, CancellationToken cancellationToken)
    {
        var items = await db.RemediationItems.AsNoTracking().Select(i => new { i.CaseId, i.Status }).ToListAsync(cancellationToken);
        var ids = items.Select(i => i.CaseId).Distinct().ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Title }).ToListAsync(cancellationToken);
        return cases
            .Select(c => new PortalRemediationCase(
                c.Id.Value,
                c.Number.Value,
                c.Title,
                items.Count(i => i.CaseId == c.Id && i.Status is RemediationStatus.Open or RemediationStatus.InProgress),
                items.Count(i => i.CaseId == c.Id)))
            .OrderBy(c => c.CaseNumber, StringComparer.Ordinal)
            .ToList();
    }
}

using System.Reflection;
using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Notifications;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CaseManager.Infrastructure.Data;

/// <summary>
/// The one EF Core model, shared by the SQLite and PostgreSQL contexts. Client users are confined
/// to their own organisation by the named query filter <see cref="TenantFilter"/> on every tenant-owned entity.
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options, ICurrentUser currentUser)
    : IdentityDbContext<ApplicationUser>(options), IApplicationDbContext
{
    public const string TenantFilter = "Tenant";

    public DbSet<Client> Clients => Set<Client>();

    public DbSet<IncidentCase> Cases => Set<IncidentCase>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<IntakeForm> Intakes => Set<IntakeForm>();

    public DbSet<EvidenceItem> Evidence => Set<EvidenceItem>();

    public DbSet<PendingUpload> PendingUploads => Set<PendingUpload>();

    public DbSet<EvidenceFinding> EvidenceFindings => Set<EvidenceFinding>();

    public DbSet<EvidenceIndicator> EvidenceIndicators => Set<EvidenceIndicator>();

    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    public DbSet<Domain.Classification.ClassificationDecision> Classifications => Set<Domain.Classification.ClassificationDecision>();

    public DbSet<Domain.Indicators.CaseIndicator> CaseIndicators => Set<Domain.Indicators.CaseIndicator>();

    public DbSet<Domain.Remediation.PlaybookTemplate> Playbooks => Set<Domain.Remediation.PlaybookTemplate>();

    public DbSet<Domain.Remediation.RemediationItem> RemediationItems => Set<Domain.Remediation.RemediationItem>();

    public DbSet<Domain.Remediation.RemediationHost> RemediationHosts => Set<Domain.Remediation.RemediationHost>();

    public DbSet<Domain.Remediation.RemediationProof> RemediationProofs => Set<Domain.Remediation.RemediationProof>();

    public DbSet<ManualTimelineEvent> TimelineEvents => Set<ManualTimelineEvent>();

    public DbSet<CaseManager.Domain.Notes.CaseNote> Notes => Set<CaseManager.Domain.Notes.CaseNote>();

    public DbSet<CaseActivity> Activity => Set<CaseActivity>();

    public DbSet<CaseManager.Domain.ApiKeys.ApiKey> ApiKeys => Set<CaseManager.Domain.ApiKeys.ApiKey>();

    public DbSet<CaseManager.Domain.Audit.AuditEntry> AuditEntries => Set<CaseManager.Domain.Audit.AuditEntry>();

    public DbSet<CaseManager.Domain.Audit.AuditChainAnchor> AuditAnchors => Set<CaseManager.Domain.Audit.AuditChainAnchor>();

    public DbSet<CaseManager.Domain.Audit.SecuritySetting> SecuritySettings => Set<CaseManager.Domain.Audit.SecuritySetting>();

    public DbSet<CaseManager.Domain.Messages.CaseMessage> CaseMessages => Set<CaseManager.Domain.Messages.CaseMessage>();

    public DbSet<CaseManager.Domain.Messages.CaseLastSeen> CaseLastSeen => Set<CaseManager.Domain.Messages.CaseLastSeen>();

    public DbSet<CaseManager.Domain.Yara.YaraRuleSet> YaraRuleSets => Set<CaseManager.Domain.Yara.YaraRuleSet>();

    public DbSet<CaseManager.Domain.Reports.CaseReport> Reports => Set<CaseManager.Domain.Reports.CaseReport>();

    public DbSet<CaseManager.Domain.Reports.ReportDownload> ReportDownloads => Set<CaseManager.Domain.Reports.ReportDownload>();

    internal DbSet<CaseNumberSequence> CaseNumberSequences => Set<CaseNumberSequence>();

    /// <summary>True when the caller is a Client user: rows of other organisations are filtered out.</summary>
    private bool RestrictToClient => !currentUser.IsSystem && currentUser.IsInRole(Domain.Identity.Roles.Client);

    /// <summary>The caller's organisation; <see cref="Guid.Empty"/> (matches nothing) for a client user without one.</summary>
    private ClientId CurrentClientId => currentUser.ClientId ?? new ClientId(Guid.Empty);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());
        builder.Entity<Client>().HasQueryFilter(TenantFilter, c => !RestrictToClient || c.Id == CurrentClientId);
        builder.Entity<IncidentCase>().HasQueryFilter(TenantFilter, c => !RestrictToClient || c.ClientId == CurrentClientId);
        builder.Entity<IntakeForm>().HasQueryFilter(TenantFilter, i => !RestrictToClient || i.ClientId == CurrentClientId);
        builder.Entity<EvidenceItem>().HasQueryFilter(TenantFilter, e => !RestrictToClient || e.ClientId == CurrentClientId);
        builder.Entity<PendingUpload>().HasQueryFilter(TenantFilter, u => !RestrictToClient || u.ClientId == CurrentClientId);
        builder.Entity<Domain.Classification.ClassificationDecision>().HasQueryFilter(TenantFilter, d => !RestrictToClient || d.ClientId == CurrentClientId);
        builder.Entity<Domain.Indicators.CaseIndicator>().HasQueryFilter(TenantFilter, i => !RestrictToClient || i.ClientId == CurrentClientId);
        builder.Entity<Domain.Remediation.RemediationItem>().HasQueryFilter(TenantFilter, i => !RestrictToClient || (i.ClientId == CurrentClientId && i.AssignedToClient));
        builder.Entity<Domain.Remediation.RemediationProof>().HasQueryFilter(TenantFilter, p => !RestrictToClient || p.ClientId == CurrentClientId);
        builder.Entity<CaseManager.Domain.Messages.CaseMessage>().HasQueryFilter(TenantFilter, m => !RestrictToClient || m.ClientId == CurrentClientId);

        // Reports: a client user sees only its organisation's published versions (never drafts, reviews or retracted ones).
        builder.Entity<CaseManager.Domain.Reports.CaseReport>().HasQueryFilter(TenantFilter, r => !RestrictToClient || (r.ClientId == CurrentClientId && r.State == CaseManager.Domain.Reports.ReportState.Published));
        builder.Entity<CaseManager.Domain.Reports.ReportDownload>().HasQueryFilter(TenantFilter, d => !RestrictToClient || d.ClientId == CurrentClientId);
    }

    /// <summary>Every column matched with <c>LIKE '%term%'</c>, one query of ids per column (PostgreSQL: one trigram index each).</summary>
    public virtual IQueryable<CaseId> CasesContaining(string term, bool withDescription)
    {
        var pattern = LikePattern.Containing(term.ToLowerInvariant());
        var numberPattern = LikePattern.Containing(term.ToUpperInvariant());
        var ids = Cases.Where(c => EF.Functions.Like(c.Title.ToLower(), pattern, LikePattern.Escape)).Select(c => c.Id)
            .Union(Cases.Where(c => EF.Functions.Like((string)(object)c.Number, numberPattern, LikePattern.Escape)).Select(c => c.Id));
        if (term.Length >= ListCasesQueryHandler.MinIntakeTermLength)
        {
            ids = ids.Union(Intakes.Where(i => EF.Functions.Like(i.HostSearchText, pattern, LikePattern.Escape)).Select(i => i.CaseId));
        }

        return withDescription
            ? ids.Union(Cases.Where(c => c.Description != null && EF.Functions.Like(c.Description.ToLower(), pattern, LikePattern.Escape)).Select(c => c.Id))
            : ids;
    }

    /// <summary>Values as typed (wallets are case-sensitive) or in lower case (the canonical form of names and hashes).</summary>
    public virtual Task<IndicatorMatches> IndicatorsContainingAsync(string term, CancellationToken cancellationToken)
    {
        var (pattern, lowerPattern) = (LikePattern.Containing(term), LikePattern.Containing(term.ToLowerInvariant()));
        return Task.FromResult(new IndicatorMatches(
            EvidenceIndicators.Where(i => EF.Functions.Like(i.Value, pattern, LikePattern.Escape) || EF.Functions.Like(i.Value, lowerPattern, LikePattern.Escape)),
            CaseIndicators.Where(i => EF.Functions.Like(i.Value, pattern, LikePattern.Escape) || EF.Functions.Like(i.Value, lowerPattern, LikePattern.Escape)),
            Cut: false));
    }

    public virtual Task<int> CompactSearchIndexesAsync(CancellationToken cancellationToken) => Task.FromResult(0);

    Task<int> IApplicationDbContext.SaveChangesAsync(CancellationToken cancellationToken) => SaveChangesAsync(cancellationToken);

    public async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(cancellationToken);
    }
}

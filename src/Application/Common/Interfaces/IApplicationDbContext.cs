using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Client> Clients { get; }

    DbSet<IncidentCase> Cases { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<IntakeForm> Intakes { get; }

    DbSet<EvidenceItem> Evidence { get; }

    DbSet<PendingUpload> PendingUploads { get; }

    DbSet<CaseManager.Domain.ApiKeys.ApiKey> ApiKeys { get; }

    DbSet<EvidenceFinding> EvidenceFindings { get; }

    DbSet<EvidenceIndicator> EvidenceIndicators { get; }

    DbSet<TimelineEntry> Timeline { get; }

    DbSet<CaseManager.Domain.Audit.AuditEntry> AuditEntries { get; }

    DbSet<CaseManager.Domain.Audit.AuditChainAnchor> AuditAnchors { get; }

    DbSet<CaseManager.Domain.Audit.SecuritySetting> SecuritySettings { get; }

    DbSet<CaseManager.Domain.Classification.ClassificationDecision> Classifications { get; }

    DbSet<CaseManager.Domain.Indicators.CaseIndicator> CaseIndicators { get; }

    DbSet<CaseManager.Domain.Remediation.PlaybookTemplate> Playbooks { get; }

    DbSet<CaseManager.Domain.Remediation.RemediationItem> RemediationItems { get; }

    DbSet<CaseManager.Domain.Remediation.RemediationHost> RemediationHosts { get; }

    DbSet<CaseManager.Domain.Remediation.RemediationProof> RemediationProofs { get; }

    DbSet<ManualTimelineEvent> TimelineEvents { get; }

    DbSet<CaseManager.Domain.Notes.CaseNote> Notes { get; }

    DbSet<CaseActivity> Activity { get; }

    DbSet<CaseManager.Domain.Messages.CaseMessage> CaseMessages { get; }

    DbSet<CaseManager.Domain.Messages.CaseLastSeen> CaseLastSeen { get; }

    DbSet<CaseManager.Domain.Yara.YaraRuleSet> YaraRuleSets { get; }

    DbSet<CaseManager.Domain.Reports.CaseReport> Reports { get; }

    DbSet<CaseManager.Domain.Reports.ReportDownload> ReportDownloads { get; }

    /// <summary>
    /// The cases whose number, title or intake hosts (and, with <paramref name="withDescription"/>, description) contain
    /// <paramref name="term"/>, ignoring case; a term is literal (no wildcards). SQLite answers terms of three characters
    /// or more from an FTS5 trigram index kept by triggers; otherwise every column is matched with <c>LIKE '%term%'</c>,
    /// which PostgreSQL answers from trigram indexes.
    /// </summary>
    IQueryable<CaseId> CasesContaining(string term, bool withDescription);

    /// <summary>
    /// The indicators found by analyses and the entries of cases' IOC registers whose value contains
    /// <paramref name="term"/>, ignoring case; answered from trigram indexes as <see cref="CasesContaining"/> is.
    /// PostgreSQL filters both tables with its trigram indexes in the queries returned. SQLite looks the term up once in its
    /// FTS5 index of distinct values (at most <c>SqliteApplicationDbContext.MaxIndicatorValues</c> of them) and returns
    /// queries of the rows holding exactly those values (index on <c>Value</c>).
    /// </summary>
    Task<IndicatorMatches> IndicatorsContainingAsync(string term, CancellationToken cancellationToken);

    /// <summary>
    /// Merges the segments that the search indexes grow by as they are written, in small steps; returns how many steps
    /// did work. SQLite's FTS5 tables add a segment per transaction and merge them only in part, and a lookup reads the term
    /// in every segment. PostgreSQL's trigram indexes need nothing (0): autovacuum keeps them.
    /// </summary>
    Task<int> CompactSearchIndexesAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one database transaction (all or nothing).</summary>
    Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}

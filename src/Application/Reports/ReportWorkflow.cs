using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports;

/// <summary>What the report commands share: finding the case and the version, who acts, and turning rule violations into field errors.</summary>
internal static class ReportWorkflow
{
    public static async Task<IncidentCase> CaseAsync(IApplicationDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var id = new CaseId(caseId);
        return await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), caseId);
    }

    public static async Task<CaseReport> ReportAsync(IApplicationDbContext db, Guid caseId, int version, CancellationToken cancellationToken)
    {
        var id = new CaseId(caseId);
        return await db.Reports.Include(r => r.History).SingleOrDefaultAsync(r => r.CaseId == id && r.Version == version, cancellationToken)
            ?? throw new NotFoundException(nameof(CaseReport), $"{caseId} v{version}");
    }

    public static async Task<(string Id, string Name)> ActorAsync(ICurrentUser currentUser, IIdentityService identity, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new ForbiddenAccessException();
        var names = await identity.DisplayNamesAsync([userId], cancellationToken);
        return (userId, names.GetValueOrDefault(userId) ?? currentUser.AuditName);
    }

    /// <summary>Runs a domain intent; a broken rule becomes a validation error on <paramref name="field"/>.</summary>
    public static void Apply(Action intent, string field = "Version")
    {
        try
        {
            intent();
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(field, ex.Message);
        }
    }

    public static ReportRequest Request(CaseReport report, string language, string authorName, DateTimeOffset now) =>
        new(report.CaseId, language, report.Version, authorName, now, new ReportNarrative(report.ExecutiveSummary, report.Recommendations));

    public const string LanguageMessage = "Unknown report language: use \"en\" (English) or \"zh-CN\" (Simplified Chinese).";

    public const string NarrativeMessage = "A narrative section is at most 50,000 characters long.";
}

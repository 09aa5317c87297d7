using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Indicators.Queries.ExportIndicators;

public enum IndicatorExportFormat
{
    Json = 0,
    Csv = 1,
    Stix = 2,
    Blocklist = 3,
}

/// <summary>The file an export produces.</summary>
public sealed record ExportedIndicators(string ContentType, string FileName, string Content);

/// <summary>
/// Exports a case's whole register: JSON and CSV hold every entry; the STIX bundle and the blocklist only what is
/// worth acting on (not benign, not a false positive, not unassessed ordinary context).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ExportIndicatorsQuery(Guid CaseId, IndicatorExportFormat Format, string? Kind = null) : IQuery<ExportedIndicators>;

public sealed class ExportIndicatorsQueryHandler(IApplicationDbContext db, TimeProvider clock, CaseManager.Application.Audit.IAuditLog audit)
    : IQueryHandler<ExportIndicatorsQuery, ExportedIndicators>
{
    public async ValueTask<ExportedIndicators> Handle(ExportIndicatorsQuery query, CancellationToken cancellationToken)
    {
        var id = new CaseId(query.CaseId);
        var number = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Number).ToListAsync(cancellationToken);
        if (number.Count == 0)
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var caseNumber = number[0].ToString();
        var entries = await IndicatorRegister.BuildAsync(db, id, crossCase: true, cancellationToken);
        var details = $"IOC export, {entries.Count} indicators, {query.Format}{(string.IsNullOrEmpty(query.Kind) ? string.Empty : " (" + query.Kind + ")")}";
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.Exported, $"case:{query.CaseId}", details, cancellationToken);
        return query.Format switch
        {
            IndicatorExportFormat.Csv => new("text/csv; charset=utf-8", $"{caseNumber}-indicators.csv", IndicatorExports.Csv(entries)),
            IndicatorExportFormat.Stix => new("application/stix+json;version=2.1", $"{caseNumber}-indicators.stix.json", IndicatorExports.Stix(query.CaseId, caseNumber, entries, clock.GetUtcNow())),
            IndicatorExportFormat.Blocklist => new("text/plain; charset=utf-8", $"{caseNumber}-blocklist{(string.IsNullOrEmpty(query.Kind) ? string.Empty : "-" + query.Kind.ToLowerInvariant())}.txt", IndicatorExports.Blocklist(entries, query.Kind)),
            _ => new("application/json; charset=utf-8", $"{caseNumber}-indicators.json", System.Text.Json.JsonSerializer.Serialize(new { caseId = query.CaseId, caseNumber, indicators = entries }, IndicatorExports.Json)),
        };
    }
}

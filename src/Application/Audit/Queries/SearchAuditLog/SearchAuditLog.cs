using CaseManager.Application.Common.Models;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Audit.Queries.SearchAuditLog;

/// <summary>One page of the audit log, newest first, with the event types that occur (for the filter).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record SearchAuditLogQuery(AuditFilter Filter, int Page = 1, int PageSize = 50) : IQuery<AuditLogPage>;

public sealed record AuditLogPage(PagedList<AuditEntryDto> Entries, IReadOnlyList<string> EventTypes);

public sealed class SearchAuditLogQueryHandler(IApplicationDbContext db) : IQueryHandler<SearchAuditLogQuery, AuditLogPage>
{
    public async ValueTask<AuditLogPage> Handle(SearchAuditLogQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 10, 200);
        var rows = query.Filter.Apply(db.AuditEntries.AsNoTracking());
        var total = await rows.CountAsync(cancellationToken);
        var pages = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        var page = Math.Clamp(query.Page, 1, pages);
        var items = await rows.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var types = await db.AuditEntries.AsNoTracking().Select(e => e.EventType).Distinct().ToListAsync(cancellationToken);
        var allTypes = types.Union(Domain.Audit.AuditEventTypes.All).Order(StringComparer.Ordinal).ToList();
        return new AuditLogPage(new PagedList<AuditEntryDto>(items.Select(AuditEntryDto.From).ToList(), page, pageSize, total), allTypes);
    }
}

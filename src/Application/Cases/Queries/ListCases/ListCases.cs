using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Cases.Queries.ListCases;

[Authorize(Roles = Roles.Staff)]
public sealed record ListCasesQuery(
    int Page = 1,
    int PageSize = 25,
    Guid? ClientId = null,
    CasePhase? Phase = null,
    Severity? Severity = null,
    string? Search = null) : IQuery<PagedList<CaseListItemDto>>;

public sealed record CaseListItemDto(
    Guid Id,
    string Number,
    string Title,
    Guid ClientId,
    string ClientName,
    Severity Severity,
    TrafficLightProtocol Tlp,
    CasePhase Phase,
    DateTimeOffset CreatedAt);

public sealed class ListCasesQueryHandler(IApplicationDbContext db) : IQueryHandler<ListCasesQuery, PagedList<CaseListItemDto>>
{
    public const int MaxPageSize = 100;

    public async ValueTask<PagedList<CaseListItemDto>> Handle(ListCasesQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var cases = db.Cases.AsNoTracking();
        if (query.ClientId is { } clientGuid)
        {
            var clientId = new ClientId(clientGuid);
            cases = cases.Where(c => c.ClientId == clientId);
        }

        if (query.Phase is { } phase)
        {
            cases = cases.Where(c => c.Phase == phase);
        }

        if (query.Severity is { } severity)
        {
            cases = cases.Where(c => c.Severity == severity);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            var numberTerm = term.ToUpperInvariant();
            if (SearchesIntake(term))
            {
                // The intake is stored as JSON text (one column, SQLite and PostgreSQL alike), so affected hostnames and
                // IP addresses are found with a LIKE on that text. Terms that are part of a JSON property name
                // ("host", "ip") would match every intake and only search the case columns.
                cases = cases.Where(c => c.Title.ToLower().Contains(term) || ((string)(object)c.Number).Contains(numberTerm)
                    || (c.Description != null && c.Description.ToLower().Contains(term))
                    || db.Clients.Any(k => k.Id == c.ClientId && k.Name.ToLower().Contains(term))
                    || db.Intakes.Any(i => i.CaseId == c.Id && ((string)(object)i.Data).ToLower().Contains(term)));
            }
            else
            {
                cases = cases.Where(c => c.Title.ToLower().Contains(term) || ((string)(object)c.Number).Contains(numberTerm)
                    || (c.Description != null && c.Description.ToLower().Contains(term))
                    || db.Clients.Any(k => k.Id == c.ClientId && k.Name.ToLower().Contains(term)));
            }
        }

        var total = await cases.CountAsync(cancellationToken);
        var items = await cases
            .OrderByDescending(c => c.Number)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new CaseListItemDto(
                c.Id.Value, c.Number.Value, c.Title, k.Id.Value, k.Name, c.Severity, c.Tlp, c.Phase, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return new PagedList<CaseListItemDto>(items, page, pageSize, total);
    }

    /// <summary>Every JSON property name of the stored intake, lower-case (camelCase in the stored JSON).</summary>
    private static readonly string[] IntakePropertyNames = PropertyNames(typeof(IntakeData), []).ToArray();

    internal static bool SearchesIntake(string term) =>
        term.Length >= 2 && !term.Contains('"', StringComparison.Ordinal) && !term.Contains('\\', StringComparison.Ordinal)
        && !IntakePropertyNames.Any(n => n.Contains(term, StringComparison.Ordinal));

    private static IEnumerable<string> PropertyNames(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }

        foreach (var property in type.GetProperties())
        {
            yield return property.Name.ToLowerInvariant();
            var inner = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (inner.IsGenericType && inner.GetGenericArguments() is [var element])
            {
                inner = element;
            }

            if (inner.Namespace?.StartsWith("CaseManager.Domain", StringComparison.Ordinal) == true && inner.IsClass)
            {
                foreach (var name in PropertyNames(inner, seen))
                {
                    yield return name;
                }
            }
        }
    }
}

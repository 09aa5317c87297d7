using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Search.Queries.SearchCases;

/// <summary>
/// The header's search box: cases whose number, title, client name, intake (hostnames, IP addresses) or an indicator
/// value of their evidence matches the term, each with what matched. Every source is one entry of
/// <see cref="SearchCasesQueryHandler.Sources"/>; another source (the IOC register) is one more line.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record SearchCasesQuery(string? Term, int Limit = SearchCasesQueryHandler.DefaultLimit) : IQuery<SearchResultDto>;

/// <summary>Where a term was found; its label comes from the resources as <c>SearchField.{name}</c>.</summary>
public enum SearchField
{
    Number,
    Title,
    Client,
    Intake,
    Indicator,
}

public sealed record SearchResultDto(string Term, IReadOnlyList<CaseHitDto> Cases, bool Truncated);

public sealed record CaseHitDto(Guid Id, string Number, string Title, string ClientName, CasePhase Phase, Severity Severity, IReadOnlyList<SearchMatchDto> Matches);

public sealed record SearchMatchDto(SearchField Field, string Value);

/// <summary>One case a source found, and the text that matched.</summary>
public sealed record SearchMatch(Guid CaseId, string Value);

/// <summary>The search term in the forms the sources compare with; the patterns are "contains" (<see cref="LikePattern"/>).</summary>
public sealed record SearchTerm(string Raw, string Lower, string Upper)
{
    public string LowerPattern { get; } = LikePattern.Containing(Lower);

    public string UpperPattern { get; } = LikePattern.Containing(Upper);
}

/// <summary>A place cases are found: which field it is, and the query that finds matches in it.</summary>
public sealed record SearchSource(SearchField Field, Func<IApplicationDbContext, SearchTerm, IQueryable<SearchMatch>> Find);

public sealed class SearchCasesQueryHandler(IApplicationDbContext db) : IQueryHandler<SearchCasesQuery, SearchResultDto>
{
    public const int DefaultLimit = 50;
    public const int MinLength = 2;
    public const int MaxLength = 200;

    /// <summary>
    /// Every place the box searches. Text columns are compared case-insensitively with "contains" (a LIKE pattern: on
    /// PostgreSQL trigram indexes answer titles and intake hosts); indicator values must match whole (as typed or in lower
    /// case), which an index answers among hundreds of thousands of values.
    /// </summary>
    public static readonly IReadOnlyList<SearchSource> Sources =
    [
        new(SearchField.Number, (db, t) => db.Cases.Where(c => EF.Functions.Like((string)(object)c.Number, t.UpperPattern, LikePattern.Escape))
            .Select(c => new SearchMatch(c.Id.Value, c.Number.Value))),
        new(SearchField.Title, (db, t) => db.Cases.Where(c => EF.Functions.Like(c.Title.ToLower(), t.LowerPattern, LikePattern.Escape))
            .Select(c => new SearchMatch(c.Id.Value, c.Title))),
        // The matching clients as an IN list: the cases are then sought by their client index, not all read and joined.
        new(SearchField.Client, (db, t) => db.Cases
            .Where(c => db.Clients.Where(k => EF.Functions.Like(k.Name.ToLower(), t.LowerPattern, LikePattern.Escape)).Select(k => k.Id).Contains(c.ClientId))
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new SearchMatch(c.Id.Value, k.Name))),
        new(SearchField.Intake, (db, t) => db.Intakes.Where(i => t.Lower.Length >= ListCasesQueryHandler.MinIntakeTermLength && EF.Functions.Like(i.HostSearchText, t.LowerPattern, LikePattern.Escape))
            .Select(i => new SearchMatch(i.CaseId.Value, t.Raw))),
        new(SearchField.Indicator, (db, t) => db.EvidenceIndicators.Where(i => i.Value == t.Raw || i.Value == t.Lower)
            .Join(db.Evidence, i => i.EvidenceId, e => e.Id, (i, e) => new SearchMatch(e.CaseId.Value, i.Value)).Distinct()),
    ];

    public async ValueTask<SearchResultDto> Handle(SearchCasesQuery query, CancellationToken cancellationToken)
    {
        var raw = (query.Term ?? string.Empty).Trim();
        if (raw.Length < MinLength)
        {
            return new SearchResultDto(raw, [], false);
        }

        var term = new SearchTerm(raw, raw.ToLowerInvariant(), raw.ToUpperInvariant());
        var limit = Math.Clamp(query.Limit, 1, 200);
        var matches = new Dictionary<Guid, List<SearchMatchDto>>();
        var truncated = false;
        foreach (var source in Sources)
        {
            var found = await source.Find(db, term).Take(limit + 1).ToListAsync(cancellationToken);
            truncated |= found.Count > limit;
            foreach (var match in found.Take(limit))
            {
                if (!matches.TryGetValue(match.CaseId, out var list))
                {
                    matches[match.CaseId] = list = [];
                }

                if (list.Count < 5 && !list.Any(m => m.Field == source.Field && m.Value == match.Value))
                {
                    list.Add(new SearchMatchDto(source.Field, match.Value));
                }
            }
        }

        var ids = matches.Keys.Select(k => new CaseId(k)).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new { Id = c.Id.Value, Number = c.Number.Value, c.Title, k.Name, c.Phase, c.Severity })
            .ToListAsync(cancellationToken);
        var hits = cases
            .OrderByDescending(c => c.Number, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => new CaseHitDto(c.Id, c.Number, c.Title, c.Name, c.Phase, c.Severity, matches[c.Id]))
            .ToList();
        return new SearchResultDto(raw, hits, truncated || cases.Count > limit);
    }
}

using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Search.Queries.SearchCases;

/// <summary>
/// The header's search box: cases whose number, title, client name, intake (hostnames, IP addresses) or an indicator
/// value (found in their evidence or entered in their IOC register) contains the term, ignoring case, each with what
/// matched. Every text is found through an index (<see cref="IApplicationDbContext.CasesContaining"/>,
/// <see cref="IApplicationDbContext.IndicatorValuesContaining"/>), not by reading every case.
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

public sealed class SearchCasesQueryHandler(IApplicationDbContext db) : IQueryHandler<SearchCasesQuery, SearchResultDto>
{
    public const int DefaultLimit = 50;
    public const int MinLength = 2;
    public const int MaxLength = 200;

    /// <summary>At most this many matches are shown per case.</summary>
    public const int MaxMatchesPerCase = 5;

    /// <summary>A term contained in more distinct indicator values than this is too broad: the first ones are searched.</summary>
    public const int MaxIndicatorValues = 500;

    public async ValueTask<SearchResultDto> Handle(SearchCasesQuery query, CancellationToken cancellationToken)
    {
        var raw = (query.Term ?? string.Empty).Trim();
        if (raw.Length < MinLength)
        {
            return new SearchResultDto(raw, [], false);
        }

        var limit = Math.Clamp(query.Limit, 1, 200);
        var matches = new Dictionary<Guid, List<SearchMatchDto>>();

        // The case's own text: which of number, title and hosts holds the term is read from the few cases found.
        var ids = db.CasesContaining(raw, withDescription: false);
        var texts = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderByDescending(c => c.Number).Take(limit + 1)
            .Select(c => new { Id = c.Id.Value, Number = c.Number.Value, c.Title, Hosts = db.Intakes.Where(i => i.CaseId == c.Id).Select(i => i.HostSearchText).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var truncated = texts.Count > limit;
        foreach (var text in texts.Take(limit))
        {
            var list = MatchesOf(text.Id);
            Add(list, SearchField.Number, text.Number);
            Add(list, SearchField.Title, text.Title);
            foreach (var host in (text.Hosts ?? string.Empty).Split('\n'))
            {
                Add(list, SearchField.Intake, host);
            }
        }

        // The client's name: the matching clients as an IN list, so their cases are sought by the client index.
        var pattern = LikePattern.Containing(raw.ToLowerInvariant());
        var clients = db.Clients.Where(k => EF.Functions.Like(k.Name.ToLower(), pattern, LikePattern.Escape)).Select(k => k.Id);
        Found(SearchField.Client, await db.Cases.Where(c => clients.Contains(c.ClientId))
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new SearchMatch(c.Id.Value, k.Name))
            .Take(limit + 1).ToListAsync(cancellationToken));

        // Indicators: the values containing the term (one index lookup), then the evidence and the registers' manual
        // entries holding exactly those values.
        var values = await db.IndicatorValuesContaining(raw).Take(MaxIndicatorValues + 1).ToListAsync(cancellationToken);
        truncated |= values.Count > MaxIndicatorValues;
        if (values.Count > 0)
        {
            values = values.Take(MaxIndicatorValues).ToList();
            Found(SearchField.Indicator, await db.EvidenceIndicators.Where(i => values.Contains(i.Value))
                .Join(db.Evidence, i => i.EvidenceId, e => e.Id, (i, e) => new SearchMatch(e.CaseId.Value, i.Value)).Distinct()
                .Take(limit + 1).ToListAsync(cancellationToken));
            Found(SearchField.Indicator, await db.CaseIndicators.Where(i => i.IsManual && values.Contains(i.Value))
                .Select(i => new SearchMatch(i.CaseId.Value, i.Value))
                .Take(limit + 1).ToListAsync(cancellationToken));
        }

        var caseIds = matches.Keys.Select(k => new CaseId(k)).ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new { Id = c.Id.Value, Number = c.Number.Value, c.Title, k.Name, c.Phase, c.Severity })
            .ToListAsync(cancellationToken);
        var hits = cases
            .OrderByDescending(c => c.Number, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => new CaseHitDto(c.Id, c.Number, c.Title, c.Name, c.Phase, c.Severity, matches[c.Id]))
            .ToList();
        return new SearchResultDto(raw, hits, truncated || cases.Count > limit);

        List<SearchMatchDto> MatchesOf(Guid caseId)
        {
            if (!matches.TryGetValue(caseId, out var list))
            {
                matches[caseId] = list = [];
            }

            return list;
        }

        void Found(SearchField field, List<SearchMatch> found)
        {
            truncated |= found.Count > limit;
            foreach (var match in found.Take(limit))
            {
                var list = MatchesOf(match.CaseId);
                if (list.Count < MaxMatchesPerCase && !list.Any(m => m.Field == field && m.Value == match.Value))
                {
                    list.Add(new SearchMatchDto(field, match.Value));
                }
            }
        }

        void Add(List<SearchMatchDto> list, SearchField field, string value)
        {
            if (list.Count < MaxMatchesPerCase && value.Contains(raw, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(new SearchMatchDto(field, value));
            }
        }
    }
}

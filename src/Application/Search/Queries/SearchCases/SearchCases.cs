using CaseManager.Application.Clients.Queries.ListClientNames;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Search.Queries.SearchCases;

/// <summary>
/// The header's search box: cases whose number, title, client name, intake (hostnames, IP addresses) or an indicator
/// value (found in their evidence or entered in their IOC register) contains the term, ignoring case, each with what
/// matched. Every text is found through an index (<see cref="IApplicationDbContext.CasesContaining"/>,
/// <see cref="IApplicationDbContext.IndicatorsContainingAsync"/>), not by reading every case.
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

public sealed class SearchCasesQueryHandler(IApplicationDbContext db, ICaseReadCache cache) : IQueryHandler<SearchCasesQuery, SearchResultDto>
{
    public const int DefaultLimit = 50;
    public const int MinLength = 2;
    public const int MaxLength = 200;

    /// <summary>At most this many matches are shown per case.</summary>
    public const int MaxMatchesPerCase = 5;

    /// <summary>A term in more indicator rows (of evidence and of registers) than this is too broad: the first ones are searched.</summary>
    public const int MaxIndicatorRows = 1000;

    public async ValueTask<SearchResultDto> Handle(SearchCasesQuery query, CancellationToken cancellationToken)
    {
        var raw = (query.Term ?? string.Empty).Trim();
        if (raw.Length < MinLength)
        {
            return new SearchResultDto(raw, [], false);
        }

        var limit = Math.Clamp(query.Limit, 1, 200);
        var matches = new Dictionary<Guid, List<SearchMatchDto>>();
        var rows = new Dictionary<Guid, CaseRow>();

        // The case's own text: which of number, title and hosts holds the term is read from the few cases found.
        var ids = db.CasesContaining(raw, withDescription: false);
        var texts = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderByDescending(c => c.Number).Take(limit + 1)
            .Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new
            {
                Row = new CaseRow(c.Id.Value, c.Number.Value, c.Title, k.Name, c.Phase, c.Severity),
                Hosts = db.Intakes.Where(i => i.CaseId == c.Id).Select(i => i.HostSearchText).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var truncated = texts.Count > limit;
        foreach (var text in texts.Take(limit))
        {
            rows[text.Row.Id] = text.Row;
            var list = MatchesOf(text.Row.Id);
            Add(list, SearchField.Number, text.Row.Number);
            Add(list, SearchField.Title, text.Row.Title);
            foreach (var host in (text.Hosts ?? string.Empty).Split('\n'))
            {
                Add(list, SearchField.Intake, host);
            }
        }

        // The client's name, matched in the cached client list; only then are that client's cases read.
        var clients = (await ListClientNamesQueryHandler.CachedAsync(db, cache, cancellationToken))
            .Where(k => k.Name.Contains(raw, StringComparison.OrdinalIgnoreCase)).Select(k => new ClientId(k.Id)).ToList();
        if (clients.Count > 0)
        {
            var ofClients = await Rows(db.Cases.AsNoTracking().Where(c => clients.Contains(c.ClientId)).OrderByDescending(c => c.Number).Take(limit + 1))
                .ToListAsync(cancellationToken);
            ofClients.ForEach(r => rows[r.Id] = r);
            Found(SearchField.Client, ofClients.Select(r => new SearchMatch(r.Id, r.ClientName)).ToList());
        }

        // Indicators: the evidence's and the registers' manual entries whose value contains the term (index lookups), each
        // with its case, in one statement. The rows are read as they are (a value found in many runs of one case repeats)
        // and made distinct here, so a broad term stops reading after its first rows instead of sorting every match.
        var indicators = await db.IndicatorsContainingAsync(raw, cancellationToken);
        var read = await indicators.Evidence
            .Join(db.Evidence, i => i.EvidenceId, e => e.Id, (i, e) => new { e.CaseId, i.Value })
            .Concat(indicators.Registers.Where(i => i.IsManual).Select(i => new { i.CaseId, i.Value }))
            .Take(MaxIndicatorRows + 1)
            .Join(db.Cases, m => m.CaseId, c => c.Id, (m, c) => new { m.Value, Case = c })
            .Join(db.Clients, m => m.Case.ClientId, k => k.Id, (m, k) => new
            {
                m.Value,
                Row = new CaseRow(m.Case.Id.Value, m.Case.Number.Value, m.Case.Title, k.Name, m.Case.Phase, m.Case.Severity),
            })
            .ToListAsync(cancellationToken);
        truncated |= indicators.Cut || read.Count > MaxIndicatorRows;
        var kept = read.Take(MaxIndicatorRows).ToList();
        kept.ForEach(hit => rows.TryAdd(hit.Row.Id, hit.Row));
        Found(SearchField.Indicator, kept.Select(h => new SearchMatch(h.Row.Id, h.Value)).Distinct().ToList());

        // A match whose case the caller may not see (or that is gone) has no row: it is not shown.
        var hits = rows.Values
            .Where(r => matches.ContainsKey(r.Id))
            .OrderByDescending(r => r.Number, StringComparer.Ordinal)
            .Take(limit)
            .Select(r => new CaseHitDto(r.Id, r.Number, r.Title, r.ClientName, r.Phase, r.Severity, matches[r.Id]))
            .ToList();
        return new SearchResultDto(raw, hits, truncated || matches.Count > limit);

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
                Record(MatchesOf(match.CaseId), field, match.Value);
            }
        }

        // A field of a case found by its text shows only if it holds the term (the index matched the case as a whole).
        void Add(List<SearchMatchDto> list, SearchField field, string value)
        {
            if (value.Contains(raw, StringComparison.OrdinalIgnoreCase))
            {
                Record(list, field, value);
            }
        }

        static void Record(List<SearchMatchDto> list, SearchField field, string value)
        {
            if (list.Count < MaxMatchesPerCase && !list.Any(m => m.Field == field && m.Value == value))
            {
                list.Add(new SearchMatchDto(field, value));
            }
        }
    }

    /// <summary>What a hit shows of its case.</summary>
    private IQueryable<CaseRow> Rows(IQueryable<IncidentCase> cases) =>
        cases.Join(db.Clients, c => c.ClientId, k => k.Id, (c, k) => new CaseRow(c.Id.Value, c.Number.Value, c.Title, k.Name, c.Phase, c.Severity));

    private sealed record CaseRow(Guid Id, string Number, string Title, string ClientName, CasePhase Phase, Severity Severity);
}

using System.Globalization;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetResultTable;

/// <summary>
/// One page of one result table of an item's current analysis run, filtered (any searchable text column contains the
/// text) or to one exact IP address (<see cref="Host"/>: a chart's bar), sorted by a column and paged in the store;
/// every result page of the application goes through this query.
/// A parameter the store cannot answer (unknown table or column, page out of range, over-long filter) throws
/// <see cref="ResultQueryException"/> with a message for the user.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetResultTableQuery(
    Guid EvidenceId,
    string? Table,
    string? Filter = null,
    string? Sort = null,
    bool Descending = false,
    int Page = 1,
    int PageSize = GetResultTableQueryHandler.DefaultPageSize,
    string? Host = null) : IQuery<ResultTableDto>;

public sealed record ResultTableDto(
    Guid EvidenceId,
    IReadOnlyList<ResultTableTabDto> Tables,
    string Table,
    string Label,
    IReadOnlyList<ResultColumnDto> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    long Total,
    int Page,
    int PageSize,
    string? Filter,
    string? Sort,
    bool Descending)
{
    public long TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The value of a named column in a row, or null when the table has no such column.</summary>
    public object? Cell(IReadOnlyList<object?> row, string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return row[i];
            }
        }

        return null;
    }
}

/// <summary>A table of the run, for the tabs above a table.</summary>
public sealed record ResultTableTabDto(string Name, string Label);

public sealed record ResultColumnDto(string Name, ColumnType Type, string Label, bool Searchable);

public sealed class GetResultTableQueryHandler(IApplicationDbContext db, IAnalysisRunStore store, IAnalyserRegistry analysers)
    : IQueryHandler<GetResultTableQuery, ResultTableDto>
{
    public const int DefaultPageSize = 50;

    public async ValueTask<ResultTableDto> Handle(GetResultTableQuery query, CancellationToken cancellationToken)
    {
        var run = await AnalysedRun.LoadAsync(db, store, analysers, query.EvidenceId, cancellationToken);
        var table = string.IsNullOrEmpty(query.Table) ? run.Tables.FirstOrDefault()?.Name : query.Table;
        if (table is null)
        {
            throw new ResultQueryException("This analysis run has no tables.");
        }

        var page = await store.QueryAsync(
            run.Id, run.Run, new ResultQuery(table, query.Filter, string.IsNullOrEmpty(query.Sort) ? null : query.Sort, query.Descending, query.Page, query.PageSize, Host: query.Host),
            cancellationToken);
        return Dto(run, page, query.Filter, query.Sort, query.Descending);
    }

    public static ResultTableDto Dto(AnalysedRun run, ResultPage page, string? filter, string? sort, bool descending)
    {
        var culture = CultureInfo.CurrentUICulture;
        var name = page.Table.Name;
        return new ResultTableDto(
            run.Id.Value,
            run.Tables.Select(t => new ResultTableTabDto(t.Name, ResultLabels.Table(run.Catalogue, t.Name, culture))).ToList(),
            name,
            ResultLabels.Table(run.Catalogue, name, culture),
            page.Table.Columns.Select(c => new ResultColumnDto(c.Name, c.Type, ResultLabels.Column(run.Catalogue, name, c.Name, culture), c.Searchable)).ToList(),
            page.Rows,
            page.Total,
            page.Page,
            page.PageSize,
            string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(),
            string.IsNullOrEmpty(sort) ? null : sort,
            descending);
    }
}

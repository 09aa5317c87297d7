using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>
/// The per-run result tables of evidence analysis. A run is written through <see cref="Create"/> and becomes visible
/// only when committed (atomically); a run that fails or is discarded leaves earlier runs untouched.
/// Reads page, sort, filter and aggregate with queries: nothing loads a whole table.
/// </summary>
public interface IAnalysisRunStore
{
    IAnalysisRunWriter Create(EvidenceId evidenceId, int run);

    /// <summary>Deletes every run of the item except <paramref name="keepRun"/> (all when null).</summary>
    Task DeleteRunsAsync(EvidenceId evidenceId, int? keepRun, CancellationToken cancellationToken);

    /// <summary>The tables of a committed run, or null when the run does not exist.</summary>
    Task<IReadOnlyList<ResultTableSchema>?> TablesAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken);

    Task<string?> SummaryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken);

    /// <exception cref="ResultQueryException">Unknown table or column, or a parameter out of range.</exception>
    Task<ResultPage> QueryAsync(EvidenceId evidenceId, int run, ResultQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// For each half-open slice [bounds[i], bounds[i+1]) the number of rows whose span [<paramref name="firstColumn"/>,
    /// <paramref name="lastColumn"/>] overlaps it (a row counts in every slice it spans; the last slice includes its end).
    /// One scan of the two columns; an empty array when the run or table does not exist.
    /// </summary>
    /// <exception cref="ResultQueryException">Unknown column, or fewer than two ascending bounds.</exception>
    Task<long[]> CountSpansAsync(EvidenceId evidenceId, int run, string table, string firstColumn, string lastColumn, IReadOnlyList<long> bounds, CancellationToken cancellationToken);
}

/// <summary>A run being written: disposing it without <see cref="CommitAsync"/> discards everything written.</summary>
public interface IAnalysisRunWriter : IResultSink, IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A column equal to a value (e.g. an IRC transcript's <c>stream</c>).</summary>
public sealed record ColumnEquals(string Column, object Value);

/// <summary>
/// One page of a table: <see cref="Filter"/> matches rows where any searchable column contains the text
/// (case-insensitive), <see cref="Where"/> narrows by exact values, <see cref="Sort"/> names a column (natural order when null),
/// <see cref="Host"/> keeps rows where a searchable text column holds exactly that IP address, alone or as an endpoint
/// (<c>10.0.0.1</c>, <c>10.0.0.1:80</c>, <c>[2001:db8::1]:443</c>) — never <c>10.0.0.12</c> for <c>10.0.0.1</c>.
/// </summary>
public sealed record ResultQuery(
    string Table,
    string? Filter = null,
    string? Sort = null,
    bool Descending = false,
    int Page = 1,
    int PageSize = 50,
    IReadOnlyList<ColumnEquals>? Where = null,
    string? Host = null);

/// <summary>Rows of one page, values in schema order (string, long, double or null), and the total count of matching rows.</summary>
public sealed record ResultPage(ResultTableSchema Table, IReadOnlyList<object?[]> Rows, long Total, int Page, int PageSize)
{
    public long TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>A query the store cannot answer as asked; its message says why (shown to the user).</summary>
public sealed class ResultQueryException(string message) : Exception(message);

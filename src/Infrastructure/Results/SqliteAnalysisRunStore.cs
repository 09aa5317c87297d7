using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Evidence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// Result tables of analysis runs, one SQLite file per run (<c>results/&lt;evidence&gt;/&lt;run&gt;.db</c> beside the evidence
/// files). Pages never scan: natural order is a rowid range; a sort, filter or exact-value condition is answered from
/// the ordered row-id list of that combination (<see cref="RowIdCache"/>, built once on first use), so any page of it
/// is one primary-key lookup. See docs/decisions/ADR-003-result-store.md.
/// </summary>
internal sealed class SqliteAnalysisRunStore(IOptions<EvidenceStorageOptions> options) : IAnalysisRunStore
{
    public const int MaxPageSize = 1000;
    public const int MaxFilterLength = 200;

    /// <summary>Memory for cached row-id lists: 64 MiB holds 16 million ids (53 lists of a 300,000-row table).</summary>
    public const long CacheBudgetBytes = 64L << 20;

    private readonly ConcurrentDictionary<string, SqliteRunFile> _files = new(StringComparer.Ordinal);
    private readonly RowIdCache _ids = new(CacheBudgetBytes);

    public IAnalysisRunWriter Create(EvidenceId evidenceId, int run) => new SqliteRunWriter(PathOf(evidenceId, run), Forget);

    public Task DeleteRunsAsync(EvidenceId evidenceId, int? keepRun, CancellationToken cancellationToken)
    {
        var directory = DirectoryOf(evidenceId);
        if (!Directory.Exists(directory))
        {
            return Task.CompletedTask;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.db"))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var run) && run != keepRun)
            {
                Forget(file);
                File.Delete(file);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ResultTableSchema>?> TablesAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken) =>
        Task.FromResult(FileOf(evidenceId, run)?.Tables);

    public Task<string?> SummaryAsync(EvidenceId evidenceId, int run, CancellationToken cancellationToken) =>
        Task.FromResult(FileOf(evidenceId, run)?.Summary);

    public async Task<ResultPage> QueryAsync(EvidenceId evidenceId, int run, ResultQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var file = FileOf(evidenceId, run) ?? throw new ResultQueryException($"Run {run} of this evidence has no stored results.");
        var schema = file.Tables.FirstOrDefault(t => t.Name == query.Table)
            ?? throw new ResultQueryException($"There is no table '{query.Table}' (tables: {string.Join(", ", file.Tables.Select(t => t.Name))}).");
        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new ResultQueryException($"A page holds 1 to {MaxPageSize} rows, not {query.PageSize}.");
        }

        if (query.Page < 1)
        {
            throw new ResultQueryException($"Pages are numbered from 1, not {query.Page}.");
        }

        var filter = string.IsNullOrWhiteSpace(query.Filter) ? null : query.Filter.Trim();
        if (filter is { Length: > MaxFilterLength })
        {
            throw new ResultQueryException($"A filter is at most {MaxFilterLength} characters long.");
        }

        var sort = -1;
        if (!string.IsNullOrEmpty(query.Sort) && (sort = schema.IndexOf(query.Sort)) < 0)
        {
            throw new ResultQueryException($"Table '{schema.Name}' has no column '{query.Sort}'.");
        }

        var host = ExactHost(query.Host);
        foreach (var condition in query.Where ?? [])
        {
            if (schema.IndexOf(condition.Column) < 0)
            {
                throw new ResultQueryException($"Table '{schema.Name}' has no column '{condition.Column}'.");
            }
        }

        if (filter is null && host is null && sort < 0 && query.Where is not { Count: > 0 })
        {
            // Natural order: rows are numbered 1..N in insertion order, so a page is a rowid range.
            var total = file.Rows[schema.Name];
            var (from, count) = Slice(total, query);
            var ids = new long[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = query.Descending ? total - (from + i) : from + i + 1;
            }

            return new ResultPage(schema, ReadRows(file, schema, ids), total, query.Page, query.PageSize);
        }

        var key = KeyOf(file, schema, filter, sort, query.Where) + "|h:" + host;
        var list = await _ids.GetAsync(key, () => BuildIds(file, schema, filter, sort, query.Where, host), cancellationToken);
        var (start, length) = Slice(list.Length, query);
        var page = new long[length];
        for (var i = 0; i < length; i++)
        {
            page[i] = query.Descending ? list[list.Length - 1 - (start + i)] : list[start + i];
        }

        return new ResultPage(schema, ReadRows(file, schema, page), list.Length, query.Page, query.PageSize);
    }

    public Task<long[]> CountSpansAsync(EvidenceId evidenceId, int run, string table, string firstColumn, string lastColumn, IReadOnlyList<long> bounds, CancellationToken cancellationToken)
    {
        var file = FileOf(evidenceId, run);
        var schema = file?.Tables.FirstOrDefault(t => t.Name == table);
        if (file is null || schema is null)
        {
            return Task.FromResult<long[]>([]);
        }

        if (schema.IndexOf(firstColumn) < 0 || schema.IndexOf(lastColumn) < 0)
        {
            throw new ResultQueryException($"Table '{schema.Name}' has no column '{(schema.IndexOf(firstColumn) < 0 ? firstColumn : lastColumn)}'.");
        }

        if (bounds.Count < 2 || bounds.Zip(bounds.Skip(1)).Any(p => p.Second < p.First))
        {
            throw new ResultQueryException("Time slices need at least two ascending bounds.");
        }

        // A committed file never changes: the scan runs once per file and question, whoever asks (the traffic page asks
        // on every request; a table of a million conversations takes a second to scan).
        var key = new StringBuilder(schema.Name).Append('|').Append(firstColumn).Append('|').Append(lastColumn);
        foreach (var bound in bounds)
        {
            key.Append('|').Append(bound.ToString(CultureInfo.InvariantCulture));
        }

        var name = key.ToString();
        var counts = file.Aggregates.GetOrAdd(name, _ => new Lazy<long[]>(() => ScanSpans(file, schema, firstColumn, lastColumn, bounds)));
        try
        {
            return Task.FromResult((long[])counts.Value.Clone());
        }
        catch
        {
            file.Aggregates.TryRemove(new KeyValuePair<string, Lazy<long[]>>(name, counts));   // a failed scan is not remembered
            throw;
        }
    }

    private static long[] ScanSpans(SqliteRunFile file, ResultTableSchema schema, string firstColumn, string lastColumn, IReadOnlyList<long> bounds)
    {
        // A difference array: +1 in the slice a span starts in, -1 after the slice it ends in; one scan, no sort.
        var slices = bounds.Count - 1;
        var delta = new long[slices + 1];
        using var connection = new SqliteConnection(file.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"{firstColumn}\", \"{lastColumn}\" FROM \"{schema.Name}\"";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || reader.IsDBNull(1))
            {
                continue;
            }

            var first = reader.GetInt64(0);
            var last = Math.Max(first, reader.GetInt64(1));
            if (last < bounds[0] || first > bounds[slices])
            {
                continue;
            }

            delta[SliceOf(bounds, first)]++;
            delta[SliceOf(bounds, last) + 1]--;
        }

        var counts = new long[slices];
        var running = 0L;
        for (var i = 0; i < slices; i++)
        {
            running += delta[i];
            counts[i] = running;
        }

        return counts;
    }

    /// <summary>The slice holding <paramref name="time"/>: the last bound not after it, clamped to the slices.</summary>
    private static int SliceOf(IReadOnlyList<long> bounds, long time)
    {
        int low = 0, high = bounds.Count - 2;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (bounds[middle] <= time)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    /// <summary>The exact-host filter's address in its canonical text, or null; anything but an IP address is refused.</summary>
    private static string? ExactHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var text = host.Trim().Trim('[', ']');
        if (!System.Net.IPAddress.TryParse(text, out var address)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.ToString() != text))
        {
            throw new ResultQueryException($"'{(host.Length > 60 ? host[..60] + "…" : host)}' is not an IP address.");
        }

        return address.ToString();
    }

    /// <summary>The first rank (0-based) and row count of the asked page; a page past the end is an error, page 1 of nothing is empty.</summary>
    private static (long From, int Count) Slice(long total, ResultQuery query)
    {
        var pages = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        if (query.Page > pages)
        {
            throw new ResultQueryException($"Page {query.Page} is past the last page ({pages}).");
        }

        var from = (long)(query.Page - 1) * query.PageSize;
        return (from, (int)Math.Max(0, Math.Min(query.PageSize, total - from)));
    }

    /// <summary>The rows with these ids, in the order given.</summary>
    private static List<object?[]> ReadRows(SqliteRunFile file, ResultTableSchema schema, long[] ids)
    {
        var rows = new List<object?[]>(ids.Length);
        if (ids.Length == 0)
        {
            return rows;
        }

        using var connection = new SqliteConnection(file.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT ").Append(SqliteRunFile.RowId);
        foreach (var column in schema.Columns)
        {
            sql.Append(", \"").Append(column.Name).Append('"');
        }

        sql.Append(" FROM \"").Append(schema.Name).Append("\" WHERE ").Append(SqliteRunFile.RowId).Append(" IN (");
        for (var i = 0; i < ids.Length; i++)
        {
            sql.Append(i == 0 ? string.Empty : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        command.CommandText = sql.Append(')').ToString();
        var byId = new Dictionary<long, object?[]>(ids.Length);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var row = new object?[schema.Columns.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = reader.IsDBNull(c + 1) ? null : reader.GetValue(c + 1);
                }

                byId[reader.GetInt64(0)] = row;
            }
        }

        foreach (var id in ids)
        {
            if (byId.TryGetValue(id, out var row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Every matching row id, ordered by the sort column (then insertion order): one scan and sort of the table.</summary>
    private static int[] BuildIds(SqliteRunFile file, ResultTableSchema schema, string? filter, int sort, IReadOnlyList<ColumnEquals>? where, string? host)
    {
        using var connection = new SqliteConnection(file.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        var conditions = new List<string>();
        for (var i = 0; i < (where?.Count ?? 0); i++)
        {
            var name = "$w" + i.ToString(CultureInfo.InvariantCulture);
            conditions.Add($"\"{where![i].Column}\" = {name}");
            command.Parameters.AddWithValue(name, where[i].Value ?? DBNull.Value);
        }

        if (filter is not null)
        {
            var searchable = schema.Columns.Where(c => c.Searchable && c.Type == ColumnType.Text).Select(c => $"\"{c.Name}\" LIKE $f ESCAPE '\\'").ToList();
            conditions.Add(searchable.Count == 0 ? "0" : "(" + string.Join(" OR ", searchable) + ")");
            command.Parameters.AddWithValue("$f", "%" + filter.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%");
        }

        if (host is not null)
        {
            // The address alone, or as the host part of an endpoint: "10.0.0.1:" + port, "[v6]:" + port. Text columns only.
            var endpoint = (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":";
            var columns = schema.Columns.Where(c => c.Searchable && c.Type == ColumnType.Text)
                .Select(c => $"(\"{c.Name}\" = $h OR substr(\"{c.Name}\", 1, {endpoint.Length}) = $hp)").ToList();
            conditions.Add(columns.Count == 0 ? "0" : "(" + string.Join(" OR ", columns) + ")");
            command.Parameters.AddWithValue("$h", host);
            command.Parameters.AddWithValue("$hp", endpoint);
        }

        var order = sort < 0
            ? SqliteRunFile.RowId
            : $"\"{schema.Columns[sort].Name}\"{(schema.Columns[sort].Type == ColumnType.Text ? " COLLATE NOCASE" : string.Empty)}, {SqliteRunFile.RowId}";
        command.CommandText = $"SELECT {SqliteRunFile.RowId} FROM \"{schema.Name}\"" +
                              (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty) +
                              " ORDER BY " + order;
        var ids = new List<int>(conditions.Count == 0 ? (int)Math.Min(int.MaxValue, file.Rows[schema.Name]) : 1024);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(checked((int)reader.GetInt64(0)));
        }

        return [.. ids];
    }

    private static string KeyOf(SqliteRunFile file, ResultTableSchema schema, string? filter, int sort, IReadOnlyList<ColumnEquals>? where)
    {
        var key = new StringBuilder(file.Path).Append('|').Append(file.Stamp).Append('|').Append(schema.Name).Append('|').Append(sort);
        foreach (var condition in where ?? [])
        {
            key.Append('|').Append(condition.Column).Append('=').Append(Convert.ToString(condition.Value, CultureInfo.InvariantCulture));
        }

        // The filter is matched case-insensitively (LIKE), so one list serves every spelling.
        return key.Append("|f:").Append(filter?.ToUpperInvariant()).ToString();
    }

    /// <summary>The committed file of a run, re-read when the file on disk changed, or null when there is none.</summary>
    private SqliteRunFile? FileOf(EvidenceId evidenceId, int run)
    {
        var path = PathOf(evidenceId, run);
        var stamp = SqliteRunFile.StampOf(path);
        if (stamp is null)
        {
            Forget(path);
            return null;
        }

        if (_files.TryGetValue(path, out var known) && known.Stamp == stamp)
        {
            return known;
        }

        Forget(path);
        try
        {
            var file = SqliteRunFile.Open(path);
            if (file is not null)
            {
                _files[path] = file;
            }

            return file;
        }
        catch (SqliteException) when (!File.Exists(path))
        {
            return null;
        }
    }

    private void Forget(string path)
    {
        if (_files.TryRemove(path, out var file))
        {
            using var connection = new SqliteConnection(file.ConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        _ids.Forget(path + "|");
    }

    private string DirectoryOf(EvidenceId evidenceId) =>
        Path.Combine(options.Value.RootDirectory, "results", evidenceId.Value.ToString("N"));

    private string PathOf(EvidenceId evidenceId, int run) =>
        Path.Combine(DirectoryOf(evidenceId), run.ToString(CultureInfo.InvariantCulture) + ".db");
}

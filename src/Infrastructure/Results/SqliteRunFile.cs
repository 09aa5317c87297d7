using CaseManager.Application.Analysis;
using Microsoft.Data.Sqlite;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// A committed run file opened for reading: its schemas, row counts and summary (read once), and the read-only,
/// pooled connection string every query of the file uses. <see cref="Stamp"/> (size and write time) tells a reader
/// whether the file on disk is still the one these facts came from.
/// </summary>
internal sealed class SqliteRunFile
{
    public const string TablesTable = "_cm_tables";
    public const string ColumnsTable = "_cm_columns";
    public const string SummaryTable = "_cm_summary";

    /// <summary>The rowid column of every result table (1, 2, 3 … in insertion order).</summary>
    public const string RowId = "_id";

    private SqliteRunFile(string path, string stamp, string connectionString, IReadOnlyList<ResultTableSchema> tables, IReadOnlyDictionary<string, long> rows, string? summary)
    {
        Path = path;
        Stamp = stamp;
        ConnectionString = connectionString;
        Tables = tables;
        Rows = rows;
        Summary = summary;
    }

    public string Path { get; }

    public string Stamp { get; }

    public string ConnectionString { get; }

    public IReadOnlyList<ResultTableSchema> Tables { get; }

    public IReadOnlyDictionary<string, long> Rows { get; }

    public string? Summary { get; }

    /// <summary>
    /// Aggregates computed from this file's tables (e.g. active spans per time slice), by a key naming what was asked;
    /// a committed file never changes, so each is computed once (the first caller computes, concurrent callers wait).
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<long[]>> Aggregates { get; } = new(StringComparer.Ordinal);

    public static string? StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}:{info.LastWriteTimeUtc.Ticks}" : null;
    }

    public static string ConnectionStringFor(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
    }.ToString();

    /// <summary>Reads a committed file's catalogue, or null when there is no such file.</summary>
    public static SqliteRunFile? Open(string path)
    {
        var stamp = StampOf(path);
        if (stamp is null)
        {
            return null;
        }

        var connectionString = ConnectionStringFor(path);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var columns = new Dictionary<string, List<ResultColumn>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT table_name, name, type, searchable FROM {ColumnsTable} ORDER BY table_name, ordinal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var list))
                {
                    columns[table] = list = [];
                }

                list.Add(new ResultColumn(reader.GetString(1), (ColumnType)reader.GetInt32(2), reader.GetInt32(3) != 0));
            }
        }

        var tables = new List<ResultTableSchema>();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT name, rows FROM {TablesTable} ORDER BY ordinal";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                tables.Add(new ResultTableSchema(name, columns.GetValueOrDefault(name) ?? []));
                rows[name] = reader.GetInt64(1);
            }
        }

        string? summary;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT json FROM {SummaryTable} LIMIT 1";
            summary = command.ExecuteScalar() as string;
        }

        return new SqliteRunFile(path, stamp, connectionString, tables, rows, summary);
    }
}

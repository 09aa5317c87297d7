using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Pcap;

/// <summary>An <see cref="IResultSink"/> that keeps every table and row (copied: writers may reuse their row array) and the summary.</summary>
internal sealed class RecordingSink : IResultSink
{
    public Dictionary<string, (ResultTableSchema Schema, List<object?[]> Rows)> Tables { get; } = new(StringComparer.Ordinal);

    public string? SummaryJson { get; private set; }

    public IResultTableWriter Table(ResultTableSchema schema)
    {
        Tables.ContainsKey(schema.Name).ShouldBeFalse($"table {schema.Name} opened twice");
        var rows = new List<object?[]>();
        Tables[schema.Name] = (schema, rows);
        return new Writer(schema, rows);
    }

    public void Summary(string json) => SummaryJson = json;

    public List<object?[]> Rows(string table) => Tables[table].Rows;

    /// <summary>The values of one column of a table.</summary>
    public IEnumerable<object?> Column(string table, string column)
    {
        var (schema, rows) = Tables[table];
        var index = schema.IndexOf(column);
        index.ShouldBeGreaterThanOrEqualTo(0, $"{table}.{column}");
        return rows.Select(r => r[index]);
    }

    private sealed class Writer(ResultTableSchema schema, List<object?[]> rows) : IResultTableWriter
    {
        public void Add(params object?[] values)
        {
            values.Length.ShouldBe(schema.Columns.Count, $"row width of {schema.Name}");
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value)
                {
                    (value is string or long or int or double).ShouldBeTrue($"{schema.Name}.{schema.Columns[i].Name} holds a {value.GetType().Name}");
                    if (schema.Columns[i].Type is ColumnType.Integer or ColumnType.Bytes or ColumnType.Time)
                    {
                        (value is long or int).ShouldBeTrue($"{schema.Name}.{schema.Columns[i].Name} is an integer column");
                    }
                }
            }

            rows.Add([.. values]);
        }
    }
}

using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>A result sink that keeps every table and row written to it (copies: writers may reuse their row arrays).</summary>
internal sealed class RecordingSink : IResultSink
{
    public Dictionary<string, (ResultTableSchema Schema, List<object?[]> Rows)> Tables { get; } = [];

    public string? SummaryJson { get; private set; }

    public IReadOnlyList<object?[]> Rows(string table) => Tables[table].Rows;

    public IResultTableWriter Table(ResultTableSchema schema)
    {
        Tables.ContainsKey(schema.Name).ShouldBeFalse($"table {schema.Name} opened twice");
        var rows = new List<object?[]>();
        Tables.Add(schema.Name, (schema, rows));
        return new Writer(schema, rows);
    }

    public void Summary(string json) => SummaryJson = json;

    private sealed class Writer(ResultTableSchema schema, List<object?[]> rows) : IResultTableWriter
    {
        public void Add(params object?[] values)
        {
            values.Length.ShouldBe(schema.Columns.Count, $"row width of {schema.Name}");
            rows.Add([.. values]);
        }
    }
}

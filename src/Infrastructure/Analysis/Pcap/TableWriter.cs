using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Writes rows of one result table through a reused row array, and counts them. When the sink keeps nothing
/// (<see cref="NullResultSink"/>) <see cref="Active"/> is false and callers skip building rows.
/// </summary>
internal sealed class TableWriter(ResultTableSchema schema, IResultTableWriter? writer)
{
    private readonly object?[] _row = new object?[schema.Columns.Count];

    public ResultTableSchema Schema { get; } = schema;

    public bool Active => writer is not null;

    public long Rows { get; private set; }

    /// <summary>Counts a row that is not written (the sink keeps nothing).</summary>
    public void CountOnly() => Rows++;

    public void Add(object? c0, object? c1, object? c2, object? c3 = null, object? c4 = null, object? c5 = null,
        object? c6 = null, object? c7 = null, object? c8 = null, object? c9 = null)
    {
        Rows++;
        if (writer is null)
        {
            return;
        }

        Span<object?> values = [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9];
        values[.._row.Length].CopyTo(_row);
        writer.Add(_row);
    }
}

namespace CaseManager.Application.Analysis;

/// <summary>
/// Where an analyser streams its tables while it runs. Rows are written in the order the analyser produces them;
/// nothing is held in memory by the sink beyond a write buffer.
/// </summary>
public interface IResultSink
{
    /// <summary>Opens a table; each name once per run.</summary>
    IResultTableWriter Table(ResultTableSchema schema);

    /// <summary>The run's small summary document (counts, top talkers, process facts …), as JSON; the last call wins.</summary>
    void Summary(string json);
}

/// <summary>Appends rows to one result table.</summary>
public interface IResultTableWriter
{
    /// <summary>
    /// One row, a value per column in schema order: <see cref="string"/>, <see cref="long"/>/<see cref="int"/>,
    /// <see cref="double"/> or null. The array may be reused by the caller after the call returns.
    /// </summary>
    void Add(params object?[] values);
}

/// <summary>
/// A table writer that takes a row value by value, without boxing or a row array: one call per column in schema order,
/// then <see cref="EndRow"/>. The per-run store implements it; analysers writing large tables use it when the writer offers
/// it and fall back to <see cref="IResultTableWriter.Add"/> otherwise. The values are stored as <see cref="IResultTableWriter.Add"/>
/// would store the same values. Used by one thread at a time.
/// </summary>
public interface IResultRowWriter : IResultTableWriter
{
    void Integer(long value);

    void Real(double value);

    /// <summary>A text value, or null.</summary>
    void Text(string? value);

    /// <summary>A text value copied from the span (the caller may reuse it after the call).</summary>
    void Text(ReadOnlySpan<char> value);

    void Null();

    /// <summary>Ends the row.</summary>
    /// <exception cref="ArgumentException">The row does not have one value per column.</exception>
    void EndRow();
}

/// <summary>A sink that keeps nothing (the CLI, which prints the analyser's own result).</summary>
public sealed class NullResultSink : IResultSink
{
    public static readonly NullResultSink Instance = new();

    public IResultTableWriter Table(ResultTableSchema schema) => NullWriter.Instance;

    public void Summary(string json)
    {
    }

    private sealed class NullWriter : IResultTableWriter
    {
        public static readonly NullWriter Instance = new();

        public void Add(params object?[] values)
        {
        }
    }
}

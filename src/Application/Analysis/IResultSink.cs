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

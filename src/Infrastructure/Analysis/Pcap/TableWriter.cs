using System.Globalization;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>
/// Writes rows of one result table value by value (<c>rows.Text(a).Integer(b).EndRow()</c>) and counts them. When the
/// sink's writer takes typed values (<see cref="IResultRowWriter"/>, the per-run store) nothing is boxed or allocated per
/// row; other writers get a reused row array. When the sink keeps nothing (<see cref="NullResultSink"/>)
/// <see cref="Active"/> is false and callers skip building rows.
/// </summary>
internal sealed class TableWriter(ResultTableSchema schema, IResultTableWriter? writer)
{
    private readonly IResultRowWriter? _typed = writer as IResultRowWriter;
    private readonly object?[] _row = new object?[schema.Columns.Count];
    private int _column;

    public ResultTableSchema Schema { get; } = schema;

    public bool Active => writer is not null;

    public long Rows { get; private set; }

    /// <summary>Counts a row that is not written (the sink keeps nothing).</summary>
    public void CountOnly() => Rows++;

    public TableWriter Integer(long value)
    {
        if (_typed is not null)
        {
            _typed.Integer(value);
        }
        else
        {
            _row[_column++] = value;
        }

        return this;
    }

    public TableWriter Integer(long? value) => value is { } v ? Integer(v) : Null();

    public TableWriter Text(string? value)
    {
        if (_typed is not null)
        {
            _typed.Text(value);
        }
        else
        {
            _row[_column++] = value;
        }

        return this;
    }

    /// <summary>An endpoint as <see cref="Application.Analysis.Traffic.TrafficEndpoint"/> writes it (<c>ip:port</c>, <c>[ipv6]:port</c>), without a string.</summary>
    public TableWriter Endpoint(string ip, int port)
    {
        if (_typed is null)
        {
            return Text(new Application.Analysis.Traffic.TrafficEndpoint(ip, port).ToString());
        }

        var bracket = ip.Contains(':', StringComparison.Ordinal);
        Span<char> text = stackalloc char[ip.Length + 16];
        var at = 0;
        if (bracket)
        {
            text[at++] = '[';
        }

        ip.AsSpan().CopyTo(text[at..]);
        at += ip.Length;
        if (bracket)
        {
            text[at++] = ']';
        }

        text[at++] = ':';
        port.TryFormat(text[at..], out var digits, default, CultureInfo.InvariantCulture);
        _typed.Text(text[..(at + digits)]);
        return this;
    }

    public TableWriter Null()
    {
        if (_typed is not null)
        {
            _typed.Null();
        }
        else
        {
            _row[_column++] = null;
        }

        return this;
    }

    /// <summary>Ends and counts the row.</summary>
    public void EndRow()
    {
        Rows++;
        if (_typed is not null)
        {
            _typed.EndRow();
            return;
        }

        _column = 0;
        writer?.Add(_row);
    }
}

namespace CaseManager.Application.Analysis;

/// <summary>How a result column is stored, sorted and shown.</summary>
public enum ColumnType
{
    Text = 0,
    Integer = 1,

    /// <summary>An integer count of bytes.</summary>
    Bytes = 2,

    /// <summary>Nanoseconds since the Unix epoch (integer); shown in UTC to the millisecond, full precision on hover.</summary>
    Time = 3,

    /// <summary>An address or offset (integer), shown as hex.</summary>
    Address = 4,
    Real = 5,
}

/// <summary>A column of a result table. Its label is the resource <c>column.{table}.{name}</c> of the analyser's catalogue.</summary>
public sealed record ResultColumn(string Name, ColumnType Type, bool Searchable = true);

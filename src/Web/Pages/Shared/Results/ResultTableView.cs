using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;

namespace CaseManager.Web.Pages.Shared.Results;

/// <summary>
/// What the shared result-table partial shows: the run's tables as tabs, one page of the selected table (or the message
/// of a query the store refused), and how to build links. Query parameters are <c>{Prefix}table</c>, <c>{Prefix}q</c>,
/// <c>{Prefix}sort</c>, <c>{Prefix}desc</c> and <c>{Prefix}p</c>; <see cref="Keep"/> carries the page's other parameters.
/// </summary>
public sealed record ResultTableView(
    IReadOnlyList<ResultTableTabDto> Tabs,
    ResultTableDto? Table,
    string? Selected,
    string? Filter,
    string? Error,
    string Id = "result-table",
    string Prefix = "",
    IReadOnlyDictionary<string, string?>? Keep = null,
    Func<ResultTableDto, IReadOnlyList<object?>, string?>? RowLink = null,
    string? RowLinkText = null)
{
    public string Url(string? table, string? filter, string? sort, bool desc, long page)
    {
        var url = new StringBuilder("?");
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                url.Append(url.Length > 1 ? "&" : string.Empty).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        foreach (var (name, value) in Keep ?? new Dictionary<string, string?>())
        {
            Add(name, value);
        }

        Add(Prefix + "table", table);
        Add(Prefix + "q", filter);
        Add(Prefix + "sort", sort);
        Add(Prefix + "desc", desc ? "true" : null);
        Add(Prefix + "p", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return url.ToString();
    }

    /// <summary>A cell's text and, for times, the full-precision value for its title.</summary>
    public static (string Text, string? Title) Cell(ColumnType type, object? value, CultureInfo culture)
    {
        if (value is null)
        {
            return (string.Empty, null);
        }

        switch (type)
        {
            case ColumnType.Time when value is long ns:
                var time = DateTime.UnixEpoch.AddTicks(Math.Clamp(ns / 100, -DateTime.UnixEpoch.Ticks, DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks));
                var fraction = ((ns % 1_000_000_000L) + 1_000_000_000L) % 1_000_000_000L;
                return (time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                        time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "." + fraction.ToString("D9", CultureInfo.InvariantCulture) + " UTC (" + ns.ToString(CultureInfo.InvariantCulture) + " ns)");
            case ColumnType.Address when value is long address:
                return ("0x" + unchecked((ulong)address).ToString("x", CultureInfo.InvariantCulture), null);
            case ColumnType.Bytes or ColumnType.Integer when value is long number:
                return (number.ToString("N0", culture), null);
            case ColumnType.Real when value is double real:
                return (real.ToString("0.###", culture), null);
            default:
                return (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, null);
        }
    }

    /// <summary>The page numbers around the current one that the pager links (first and last are linked apart).</summary>
    public static IEnumerable<long> Window(long page, long pages)
    {
        for (var p = Math.Max(1, page - 2); p <= Math.Min(pages, page + 2); p++)
        {
            yield return p;
        }
    }
}

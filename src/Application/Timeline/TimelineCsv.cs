using System.Globalization;
using System.Text;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;

namespace CaseManager.Application.Timeline;

/// <summary>A timeline as RFC 4180 CSV (UTF-8, ISO 8601 UTC times); cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.</summary>
public static class TimelineCsv
{
    public static string Write(CaseTimelineDto timeline, Func<TimelineItemDto, string> kindLabel)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(kindLabel);
        var csv = new StringBuilder();
        csv.Append("time_utc,lane,kind,label,host,text,value,attack_tactic,by,evidence_id\r\n");
        foreach (var item in timeline.Items)
        {
            Row(csv, item.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), item.Lane.ToString(), item.Kind.ToString(),
                kindLabel(item), item.Host, item.Text, item.Value, item.Tactic?.ToString(), item.By, item.EvidenceId?.ToString());
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append("\r\n");
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

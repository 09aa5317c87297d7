using System.Globalization;
using System.Resources;

namespace CaseManager.Infrastructure.Reports;

/// <summary>
/// The report's own strings (<c>ReportText.resx</c>, Chinese in <c>ReportText.zh-CN.resx</c>), always looked up in the
/// report's culture — never the thread's UI culture — so a Chinese report generated from an English page is Chinese.
/// </summary>
internal sealed class ReportText(CultureInfo culture)
{
    public static readonly ResourceManager Resources = new("CaseManager.Infrastructure.Reports.ReportText", typeof(ReportText).Assembly);

    public CultureInfo Culture { get; } = culture;

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Format(string key, params object?[] arguments) => string.Format(Culture, this[key], arguments);

    public string Enum<T>(T value)
        where T : struct, System.Enum => this[typeof(T).Name + "." + value];

    public string Number(long value) => value.ToString("N0", Culture);

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Seconds(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

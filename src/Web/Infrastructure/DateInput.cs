namespace CaseManager.Web.Infrastructure;

/// <summary>Form dates are entered and shown in UTC (the labels say so).</summary>
internal static class DateInput
{
    public static DateTimeOffset? ToUtc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    public static DateTime? FromUtc(DateTimeOffset? value) => value?.UtcDateTime;
}

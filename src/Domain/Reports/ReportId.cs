namespace CaseManager.Domain.Reports;

public readonly record struct ReportId(Guid Value)
{
    public static ReportId New() => new(Guid.CreateVersion7());
}

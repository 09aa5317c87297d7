namespace CaseManager.Domain.Reports;

/// <summary>The two files every report version has.</summary>
public enum ReportFormat
{
    Pdf = 0,
    Html = 1,
}

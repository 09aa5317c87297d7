namespace CaseManager.Domain.Cases;

/// <summary>The phases every engagement goes through, in order.</summary>
public enum CasePhase
{
    Intake = 0,
    Classification = 1,
    Analysis = 2,
    Remediation = 3,
    Reporting = 4,
    Closed = 5,
}

namespace CaseManager.Domain.Evidence;

/// <summary>How much a finding matters to the consultant working the case.</summary>
public enum FindingSeverity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

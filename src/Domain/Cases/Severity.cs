namespace CaseManager.Domain.Cases;

public enum Severity
{
    Low = 0,
    Medium = 1,
    High = 2,
    Critical = 3,
}

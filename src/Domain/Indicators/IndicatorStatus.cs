namespace CaseManager.Domain.Indicators;

/// <summary>What a consultant concluded about an indicator of the case's register.</summary>
public enum IndicatorStatus
{
    Suspected = 0,
    ConfirmedMalicious = 1,
    Benign = 2,
    FalsePositive = 3,
}

namespace CaseManager.Domain.Evidence;

public enum CustodyAction
{
    Received = 0,
    Analysed = 1,
    Downloaded = 2,
    KindChanged = 3,
    AnalysisFailed = 4,
}

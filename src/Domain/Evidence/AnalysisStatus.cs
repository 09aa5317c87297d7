namespace CaseManager.Domain.Evidence;

public enum AnalysisStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    SucceededWithWarnings = 3,
    Failed = 4,
    NoAnalyser = 5,
}

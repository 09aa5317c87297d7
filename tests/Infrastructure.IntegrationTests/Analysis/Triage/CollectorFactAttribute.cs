namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;

/// <summary>A fact that runs the real Linux collector: skipped, with the reason, when not root on Linux (CI is root) or gcc is missing.</summary>
public sealed class CollectorFactAttribute : FactAttribute
{
    public CollectorFactAttribute(bool needsGcc = false)
    {
        Skip = TriageTestRun.CollectorSkipReason
               ?? (needsGcc && !File.Exists("/usr/bin/gcc") ? "gcc is needed to build the disguised helper process" : null);
    }
}

namespace CaseManager.Domain.Evidence;

/// <summary>A finding an analysis run produced for one evidence item (replaced as a whole by the next run).</summary>
public sealed class EvidenceFinding
{
    private EvidenceFinding()
    {
    }

    public EvidenceFinding(EvidenceId evidenceId, int run, FindingSeverity severity, string title, string detail)
    {
        EvidenceId = evidenceId;
        Run = run;
        Severity = severity;
        Title = title.Length > 300 ? title[..300] : title;
        Detail = detail.Length > 8000 ? detail[..8000] : detail;
    }

    public long Id { get; private set; }

    public EvidenceId EvidenceId { get; private set; }

    public int Run { get; private set; }

    public FindingSeverity Severity { get; private set; }

    public string Title { get; private set; } = string.Empty;

    public string Detail { get; private set; } = string.Empty;
}

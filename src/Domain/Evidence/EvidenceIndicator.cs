namespace CaseManager.Domain.Evidence;

/// <summary>An indicator of compromise an analysis run found in one evidence item.</summary>
public sealed class EvidenceIndicator
{
    private EvidenceIndicator()
    {
    }

    public EvidenceIndicator(EvidenceId evidenceId, int run, IndicatorType type, string value, string? context, IndicatorRelevance relevance)
    {
        EvidenceId = evidenceId;
        Run = run;
        Type = type;
        Value = value.Length > 1000 ? value[..1000] : value;
        Context = context is { Length: > 1000 } ? context[..1000] : context;
        Relevance = relevance;
    }

    public long Id { get; private set; }

    public EvidenceId EvidenceId { get; private set; }

    public int Run { get; private set; }

    public IndicatorType Type { get; private set; }

    public string Value { get; private set; } = string.Empty;

    public string? Context { get; private set; }

    public IndicatorRelevance Relevance { get; private set; }
}

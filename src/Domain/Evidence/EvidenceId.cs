namespace CaseManager.Domain.Evidence;

public readonly record struct EvidenceId(Guid Value)
{
    public static EvidenceId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}

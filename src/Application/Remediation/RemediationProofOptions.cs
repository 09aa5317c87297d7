namespace CaseManager.Application.Remediation;

/// <summary>Limits on proof files attached to remediation items, bound from the "Remediation" configuration section.</summary>
public sealed class RemediationProofOptions
{
    public const string SectionName = "Remediation";

    /// <summary>Largest proof file in bytes (10 MiB by default); a larger one is refused and nothing is stored.</summary>
    public long MaxProofBytes { get; set; } = 10L * 1024 * 1024;
}

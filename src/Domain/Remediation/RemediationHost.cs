using CaseManager.Domain.Evidence;

namespace CaseManager.Domain.Remediation;

/// <summary>Which host an analysed evidence item describes (intake host id or bundle host name), for verification by re-collection.</summary>
public sealed class RemediationHost(EvidenceId evidenceId, string host)
{
    public const int HostMaxLength = 300;

    public EvidenceId EvidenceId { get; private set; } = evidenceId;

    public string Host { get; private set; } = host.Length <= HostMaxLength ? host : host[..HostMaxLength];
}

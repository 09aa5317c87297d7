using CaseManager.Domain.Common;

namespace CaseManager.Domain.Evidence;

/// <summary>
/// A coded finding an analysis run produced for one evidence item (replaced as a whole by the next run). The text a
/// reader sees is rendered from <see cref="Code"/> and <see cref="Arguments"/> in their language; rules key on the code.
/// </summary>
public sealed class EvidenceFinding
{
    public const int CodeMaxLength = 100;
    public const int ArgumentsMaxLength = 16000;

    private EvidenceFinding()
    {
    }

    public EvidenceFinding(EvidenceId evidenceId, int run, string code, FindingSeverity severity, string arguments, string? reference, string? attack)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > CodeMaxLength)
        {
            throw new DomainException($"A finding code is 1 to {CodeMaxLength} characters.");
        }

        if (arguments.Length > ArgumentsMaxLength)
        {
            throw new DomainException($"A finding's arguments exceed {ArgumentsMaxLength} characters.");
        }

        EvidenceId = evidenceId;
        Run = run;
        Code = code;
        Severity = severity;
        Arguments = arguments;
        Reference = reference;
        Attack = attack;
    }

    public long Id { get; private set; }

    public EvidenceId EvidenceId { get; private set; }

    public int Run { get; private set; }

    /// <summary>Stable code, e.g. <c>traffic.dns.dynamic-dns</c>.</summary>
    public string Code { get; private set; } = string.Empty;

    public FindingSeverity Severity { get; private set; }

    /// <summary>The typed arguments, as JSON.</summary>
    public string Arguments { get; private set; } = "[]";

    /// <summary>Where in the evidence (frames, time range, offsets, result rows), as JSON.</summary>
    public string? Reference { get; private set; }

    /// <summary>MITRE ATT&amp;CK technique id, e.g. <c>T1496</c>.</summary>
    public string? Attack { get; private set; }
}

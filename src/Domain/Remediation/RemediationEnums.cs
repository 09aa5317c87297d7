namespace CaseManager.Domain.Remediation;

/// <summary>The four stages of remediation, in the order they are worked.</summary>
public enum RemediationStage
{
    Containment = 0,
    Eradication = 1,
    Recovery = 2,
    Hardening = 3,
}

/// <summary>Where a checklist item stands. The normal path is Open → InProgress → Done → Verified.</summary>
public enum RemediationStatus
{
    Open = 0,
    InProgress = 1,
    Done = 2,
    Verified = 3,
    WontDo = 4,
}

/// <summary>Where a checklist item came from.</summary>
public enum RemediationSource
{
    Playbook = 0,
    Finding = 1,
}

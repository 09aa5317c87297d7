namespace CaseManager.Domain.Cases;

/// <summary>The 14 tactics of the MITRE ATT&amp;CK Enterprise matrix (v15), in kill-chain order; the value is the tactic's id number.</summary>
public enum AttackTactic
{
    Reconnaissance = 43,
    ResourceDevelopment = 42,
    InitialAccess = 1,
    Execution = 2,
    Persistence = 3,
    PrivilegeEscalation = 4,
    DefenseEvasion = 5,
    CredentialAccess = 6,
    Discovery = 7,
    LateralMovement = 8,
    Collection = 9,
    CommandAndControl = 11,
    Exfiltration = 10,
    Impact = 40,
}

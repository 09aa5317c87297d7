namespace CaseManager.Domain.Classification;

/// <summary>
/// The incident types a case is classified as. Each maps to a class of the Reference Security Incident Taxonomy
/// (RSIT) and of GB/T 20986 (<see cref="IncidentTaxonomy"/>); docs/incident-taxonomy.md shows the mapping.
/// </summary>
public enum IncidentType
{
    NotSecurityEvent = 0,
    Ransomware = 1,
    Cryptomining = 2,
    Botnet = 3,
    DenialOfService = 4,
    NetworkOutage = 5,
    WebIntrusion = 6,
    BruteForce = 7,
    DataTheft = 8,
    Phishing = 9,
    TargetedIntrusion = 10,
    Other = 11,
}

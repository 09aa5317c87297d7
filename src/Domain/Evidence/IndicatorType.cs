namespace CaseManager.Domain.Evidence;

/// <summary>The kinds of indicator of compromise an analyser can put on a case.</summary>
public enum IndicatorType
{
    Ip = 0,
    Domain = 1,
    Url = 2,
    Email = 3,
    Wallet = 4,
    FilePath = 5,
    Process = 6,
    StartupItem = 7,
    Hash = 8,
    Ja3 = 9,
    Onion = 10,
    Command = 11,
}

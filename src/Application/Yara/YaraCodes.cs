namespace CaseManager.Application.Yara;

/// <summary>The finding and warning codes of the YARA scan (their texts: the YARA catalogue's resources).</summary>
public static class YaraCodes
{
    public const string Match = "yara.match";
    public const string WarnTimeout = "yara.timeout";
    public const string WarnMatchesCapped = "yara.matches-capped";
    public const string WarnFailed = "yara.scan-failed";
    public const string WarnUnavailable = "yara.unavailable";
    public const string WarnRulesBroken = "yara.rules-broken";
    public const string WarnMembersSkipped = "yara.members-skipped";
}

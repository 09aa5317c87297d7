namespace CaseManager.Domain.Yara;

/// <summary>One saved version of a rule set's source (append-only).</summary>
public sealed class YaraRuleSetVersion
{
    private YaraRuleSetVersion()
    {
    }

    internal YaraRuleSetVersion(Guid ruleSetId, int version, string source, int ruleCount, string savedBy, DateTimeOffset savedAt)
    {
        RuleSetId = ruleSetId;
        Version = version;
        Source = source;
        RuleCount = ruleCount;
        SavedBy = savedBy;
        SavedAt = savedAt;
    }

    public long Id { get; private set; }

    public Guid RuleSetId { get; private set; }

    public int Version { get; private set; }

    public string Source { get; private set; } = string.Empty;

    public int RuleCount { get; private set; }

    public string SavedBy { get; private set; } = string.Empty;

    public DateTimeOffset SavedAt { get; private set; }
}

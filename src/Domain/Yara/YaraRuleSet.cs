using CaseManager.Domain.Common;

namespace CaseManager.Domain.Yara;

/// <summary>
/// A named set of YARA rules: global (kept by admins, <see cref="CaseId"/> null) or for one case (kept by its
/// consultants). Only source that compiled is ever saved (the application checks before calling); every save is a new
/// <see cref="YaraRuleSetVersion"/>, so what a past scan ran stays readable. Disabled sets are not scanned with.
/// </summary>
public sealed class YaraRuleSet : Entity<Guid>, IAggregateRoot
{
    public const int NameMaxLength = 100;

    /// <summary>Largest rule source accepted (1 MiB of text: thousands of rules).</summary>
    public const int SourceMaxLength = 1 << 20;

    private readonly List<YaraRuleSetVersion> _versions = [];

    private YaraRuleSet()
    {
    }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The case the set belongs to; null for a global set.</summary>
    public Guid? CaseId { get; private set; }

    public bool Enabled { get; private set; }

    /// <summary>The current version number (1 for a new set).</summary>
    public int Version { get; private set; }

    /// <summary>The current source (the newest version's).</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>How many rules the current source declares.</summary>
    public int RuleCount { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = string.Empty;

    public IReadOnlyList<YaraRuleSetVersion> Versions => _versions;

    public bool IsGlobal => CaseId is null;

    public static YaraRuleSet Create(string name, Guid? caseId, string source, int ruleCount, string by, DateTimeOffset now)
    {
        var set = new YaraRuleSet { Id = Guid.CreateVersion7(), CaseId = caseId, Enabled = true };
        set.Rename(name);
        set.Revise(source, ruleCount, by, now);
        return set;
    }

    public void Rename(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new DomainException($"A rule set's name is 1 to {NameMaxLength} characters.");
        }

        Name = trimmed;
    }

    /// <summary>Saves new source as the next version (unchanged source is not a new version).</summary>
    public void Revise(string source, int ruleCount, string by, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > SourceMaxLength)
        {
            throw new DomainException($"Rule source is 1 to {SourceMaxLength} characters.");
        }

        if (Version > 0 && string.Equals(source, Source, StringComparison.Ordinal))
        {
            return;
        }

        Version++;
        Source = source;
        RuleCount = ruleCount;
        UpdatedAt = now;
        UpdatedBy = by;
        _versions.Add(new YaraRuleSetVersion(Id, Version, source, ruleCount, by, now));
    }

    public void Enable(bool enabled, string by, DateTimeOffset now)
    {
        if (Enabled == enabled)
        {
            return;
        }

        Enabled = enabled;
        UpdatedAt = now;
        UpdatedBy = by;
    }
}

namespace CaseManager.Application.Audit;

/// <summary>Configuration section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Rows older than this many days are pruned by the daily job <c>prune-audit-log</c>; 0 keeps everything.</summary>
    public int RetentionDays { get; set; } = 365;
}

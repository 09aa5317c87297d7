namespace CaseManager.Application.Evidence;

/// <summary>
/// Limits on uploads under way, bound from the "Evidence" configuration section: the bytes one user and one case may
/// have declared in unfinished uploads, and how long an upload may sit idle before it expires (its bytes are deleted).
/// </summary>
public sealed class UploadQuotaOptions
{
    public const string SectionName = "Evidence";

    public long MaxPendingBytesPerUser { get; set; } = 64L * 1024 * 1024 * 1024;

    public long MaxPendingBytesPerCase { get; set; } = 256L * 1024 * 1024 * 1024;

    public double AbandonedUploadHours { get; set; } = 24;
}

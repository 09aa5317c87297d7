namespace CaseManager.Domain.Audit;

/// <summary>
/// The event types the application records. Other features may add their own dotted names (lower case,
/// "area.verb", at most 64 characters); the admin page lists whatever types occur.
/// </summary>
public static class AuditEventTypes
{
    public const string SignInSucceeded = "signin.success";
    public const string SignInFailed = "signin.failure";
    public const string SignedOut = "signout";

    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorDisabled = "2fa.disabled";
    public const string TwoFactorReset = "2fa.reset";
    public const string RecoveryCodesGenerated = "2fa.recovery-codes-generated";
    public const string RecoveryCodeUsed = "2fa.recovery-code-used";
    public const string TwoFactorRequirementChanged = "2fa.requirement-changed";

    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserRoleChanged = "user.role-changed";

    public const string CaseViewedByClient = "case.viewed-by-client";
    public const string EvidenceDownloaded = "evidence.downloaded";
    public const string ReportDownloaded = "report.downloaded";
    public const string ReportPublished = "report.published";
    public const string ReportRetracted = "report.retracted";
    public const string Exported = "export";
    public const string Deleted = "deleted";

    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string ApiKeyUsed = "apikey.used";
    public const string ApiKeyRejected = "apikey.rejected";

    public const string AuditExported = "audit.exported";
    public const string AuditPruned = "audit.pruned";

    public static readonly IReadOnlyList<string> All =
    [
        SignInSucceeded, SignInFailed, SignedOut,
        TwoFactorEnabled, TwoFactorDisabled, TwoFactorReset, RecoveryCodesGenerated, RecoveryCodeUsed, TwoFactorRequirementChanged,
        UserCreated, UserUpdated, UserRoleChanged,
        CaseViewedByClient, EvidenceDownloaded, ReportDownloaded, ReportPublished, ReportRetracted, Exported, Deleted,
        ApiKeyCreated, ApiKeyRevoked, ApiKeyUsed, ApiKeyRejected,
        AuditExported, AuditPruned,
    ];
}

using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Remediation;

/// <summary>
/// A file attached to a remediation item as proof (a screenshot, a log excerpt). The bytes live in the evidence store
/// (outside the web root, content-addressed by <see cref="Sha256"/>, read-only); it is only ever served as an attachment.
/// It belongs to the item's organisation, like the item.
/// </summary>
public sealed class RemediationProof : ITenantOwned
{
    public const int FileNameMaxLength = 255;

    private RemediationProof()
    {
    }

    public Guid Id { get; private set; }

    public Guid ItemId { get; private set; }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content, computed while it streamed in.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    public string UploadedBy { get; private set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>
    /// A proof of <paramref name="item"/>. The name is kept as given (it is only ever sent back as an attachment name), but
    /// names with control, bidirectional or other invisible format characters are refused.
    /// </summary>
    public static RemediationProof Attach(RemediationItem item, string fileName, long size, string sha256, string by, DateTimeOffset now)
    {
        var name = CheckFileName(fileName);
        if (size <= 0)
        {
            throw new DomainException("The proof file is empty.");
        }

        return new RemediationProof
        {
            Id = Guid.CreateVersion7(),
            ItemId = item.Id,
            CaseId = item.CaseId,
            ClientId = item.ClientId,
            FileName = name,
            Size = size,
            Sha256 = sha256,
            UploadedBy = by,
            UploadedAt = now,
        };
    }

    /// <summary>The file name without any directory part, or a <see cref="DomainException"/> when it is unusable.</summary>
    public static string CheckFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length is 0 or > FileNameMaxLength || name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            throw new DomainException("The file name is empty, too long or contains control or invisible characters.");
        }

        return name;
    }
}

using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Evidence;

/// <summary>An upload under way: which case and file it is for, until its last byte arrives.</summary>
public sealed class PendingUpload : Entity<Guid>, IAggregateRoot, ITenantOwned
{
    private PendingUpload()
    {
    }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public string FileName { get; private set; } = string.Empty;

    public long Size { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public DateTimeOffset StartedAt { get; private set; }

    public static PendingUpload Start(Guid uploadId, IncidentCase incident, string fileName, long size, string startedBy, DateTimeOffset now) => new()
    {
        Id = uploadId,
        CaseId = incident.Id,
        ClientId = incident.ClientId,
        FileName = fileName,
        Size = size,
        StartedBy = startedBy,
        StartedAt = now,
    };
}

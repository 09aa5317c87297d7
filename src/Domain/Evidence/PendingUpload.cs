using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Evidence;

/// <summary>
/// An upload under way: which case and file it is for, who started it (only they may continue it) and when a chunk last
/// arrived (uploads idle too long are abandoned and expire), until its last byte arrives.
/// </summary>
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

    /// <summary>The user id of whoever started the upload; null for uploads started before this was recorded.</summary>
    public string? StartedById { get; private set; }

    public DateTimeOffset LastActivityAt { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public static PendingUpload Start(Guid uploadId, IncidentCase incident, string fileName, long size, string startedBy, string? startedById, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.Phase == CasePhase.Closed)
        {
            throw new DomainException($"Case {incident.Number} is closed: no evidence can be added.");
        }

        return new()
        {
            Id = uploadId,
            CaseId = incident.Id,
            ClientId = incident.ClientId,
            FileName = fileName,
            Size = size,
            StartedBy = startedBy,
            StartedById = startedById,
            StartedAt = now,
            LastActivityAt = now,
        };
    }

    /// <summary>A chunk arrived: the upload is alive.</summary>
    public void Touch(DateTimeOffset now) => LastActivityAt = now;
}

using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Messages;

/// <summary>
/// One message in a case's thread between the client organisation's users and the consultants. Messages are never
/// edited or deleted: the thread is part of the engagement's record.
/// </summary>
public sealed class CaseMessage : Entity<Guid>, IAggregateRoot, ITenantOwned
{
    public const int BodyMaxLength = 4000;

    public const int AuthorMaxLength = 256;

    private CaseMessage()
    {
    }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public string AuthorId { get; private set; } = string.Empty;

    public string AuthorName { get; private set; } = string.Empty;

    /// <summary>True when a user of the client organisation wrote it; false for a consultant.</summary>
    public bool FromClient { get; private set; }

    public string Body { get; private set; } = string.Empty;

    public DateTimeOffset SentAt { get; private set; }

    public static CaseMessage Post(IncidentCase incident, string authorId, string authorName, bool fromClient, string body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var text = body?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new DomainException("A message needs some text.");
        }

        if (text.Length > BodyMaxLength)
        {
            throw new DomainException("A message is at most 4,000 characters long.");
        }

        if (string.IsNullOrWhiteSpace(authorId))
        {
            throw new DomainException("A message needs its author.");
        }

        if (incident.Phase == CasePhase.Closed)
        {
            throw new DomainException("The case is closed: its thread takes no more messages.");
        }

        var name = string.IsNullOrWhiteSpace(authorName) ? authorId : authorName.Trim();
        return new CaseMessage
        {
            Id = Guid.CreateVersion7(),
            CaseId = incident.Id,
            ClientId = incident.ClientId,
            AuthorId = authorId,
            AuthorName = name.Length > AuthorMaxLength ? name[..AuthorMaxLength] : name,
            FromClient = fromClient,
            Body = text,
            SentAt = now,
        };
    }
}

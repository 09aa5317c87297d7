using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Messages;

/// <summary>
/// When one user last opened one case: the consultant's dashboard lists what changed on the case after this moment
/// (new evidence, finished analyses, client intake edits, client messages).
/// </summary>
public sealed class CaseLastSeen : IAggregateRoot
{
    private CaseLastSeen()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    public CaseId CaseId { get; private set; }

    public DateTimeOffset SeenAt { get; private set; }

    public static CaseLastSeen First(string userId, CaseId caseId, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new DomainException("A user id is required.");
        }

        return new CaseLastSeen { UserId = userId, CaseId = caseId, SeenAt = now };
    }

    /// <summary>Moves the mark forward only: a late, older visit never hides changes.</summary>
    public void SeenAgain(DateTimeOffset now)
    {
        if (now > SeenAt)
        {
            SeenAt = now;
        }
    }
}

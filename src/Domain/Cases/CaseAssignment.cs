namespace CaseManager.Domain.Cases;

/// <summary>A consultant working the case.</summary>
public sealed class CaseAssignment
{
    private CaseAssignment()
    {
    }

    internal CaseAssignment(string userId, DateTimeOffset assignedAt)
    {
        UserId = userId;
        AssignedAt = assignedAt;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public DateTimeOffset AssignedAt { get; private set; }
}

namespace CaseManager.Domain.Common;

/// <summary>An entity with created/updated by/at, stamped on save.</summary>
public abstract class AuditableEntity<TId> : Entity<TId>, IAuditable
    where TId : struct
{
    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public void StampCreated(DateTimeOffset at, string? by)
    {
        CreatedAt = at;
        CreatedBy = by;
        StampUpdated(at, by);
    }

    public void StampUpdated(DateTimeOffset at, string? by)
    {
        UpdatedAt = at;
        UpdatedBy = by;
    }
}

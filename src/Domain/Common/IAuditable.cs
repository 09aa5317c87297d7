namespace CaseManager.Domain.Common;

/// <summary>Who created and last changed a row, and when; set by the persistence layer on save.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; }

    string? CreatedBy { get; }

    DateTimeOffset UpdatedAt { get; }

    string? UpdatedBy { get; }

    void StampCreated(DateTimeOffset at, string? by);

    void StampUpdated(DateTimeOffset at, string? by);
}

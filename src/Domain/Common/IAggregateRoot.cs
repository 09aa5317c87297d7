namespace CaseManager.Domain.Common;

/// <summary>Marks the root of a consistency boundary; only roots get their own DbSet.</summary>
public interface IAggregateRoot;

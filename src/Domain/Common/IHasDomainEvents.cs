namespace CaseManager.Domain.Common;

/// <summary>An entity that records domain events until they are dispatched.</summary>
public interface IHasDomainEvents
{
    IReadOnlyCollection<DomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

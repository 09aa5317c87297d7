namespace CaseManager.Domain.Common;

/// <summary>Base of every entity: an identity and the domain events it raised.</summary>
public abstract class Entity<TId> : IHasDomainEvents
    where TId : struct
{
    private readonly List<DomainEvent> _domainEvents = [];

    public TId Id { get; protected set; }

    public IReadOnlyCollection<DomainEvent> DomainEvents => _domainEvents;

    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void Raise(DomainEvent domainEvent) => _domainEvents.Add(domainEvent);
}

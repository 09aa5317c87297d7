using Mediator;

namespace CaseManager.Domain.Common;

/// <summary>Something that happened to an aggregate; dispatched after the change is saved.</summary>
public abstract record DomainEvent : INotification;

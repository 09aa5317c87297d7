using CaseManager.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaseManager.Infrastructure.Data.Interceptors;

/// <summary>
/// Publishes the domain events of saved entities <em>after</em> the save succeeded, so a handler that
/// queues a background job never does so for a change that was rolled back.
/// </summary>
internal sealed class DispatchDomainEventsInterceptor(IPublisher publisher) : SaveChangesInterceptor
{
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var raised = context.ChangeTracker.Entries<IHasDomainEvents>()
                .Select(e => e.Entity)
                .Where(e => e.DomainEvents.Count > 0)
                .ToList();
            var events = raised.SelectMany(e => e.DomainEvents).ToList();
            raised.ForEach(e => e.ClearDomainEvents());
            foreach (var domainEvent in events)
            {
                await publisher.Publish(domainEvent, cancellationToken);
            }
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }
}

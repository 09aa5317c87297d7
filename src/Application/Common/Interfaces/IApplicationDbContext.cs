using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Client> Clients { get; }

    DbSet<IncidentCase> Cases { get; }

    DbSet<Notification> Notifications { get; }

    DbSet<IntakeForm> Intakes { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}

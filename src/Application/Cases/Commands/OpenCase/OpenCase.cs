using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Commands.OpenCase;

[Authorize(Roles = Roles.Staff)]
public sealed record OpenCaseCommand(
    Guid ClientId,
    string Title,
    string? Description,
    Severity Severity,
    TrafficLightProtocol Tlp,
    DateTimeOffset? DetectedAt = null,
    DateTimeOffset? ReportedAt = null,
    DateTimeOffset? EngagedAt = null) : ICommand<Guid>;

public sealed class OpenCaseCommandHandler(IApplicationDbContext db, ICaseNumberGenerator numbers, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<OpenCaseCommand, Guid>
{
    public async ValueTask<Guid> Handle(OpenCaseCommand command, CancellationToken cancellationToken)
    {
        var clientId = new ClientId(command.ClientId);
        if (!await db.Clients.AnyAsync(c => c.Id == clientId, cancellationToken))
        {
            throw new NotFoundException(nameof(Client), command.ClientId);
        }

        var now = clock.GetUtcNow();
        var number = await numbers.NextAsync(now.Year, cancellationToken);
        var incident = IncidentCase.Open(clientId, number, command.Title, command.Description, command.Severity, command.Tlp, currentUser.AuditName, now);
        incident.SetKeyDates(command.DetectedAt?.ToUniversalTime(), command.ReportedAt?.ToUniversalTime(), command.EngagedAt?.ToUniversalTime(), now);
        db.Cases.Add(incident);
        await db.SaveChangesAsync(cancellationToken);
        return incident.Id.Value;
    }
}

public sealed class OpenCaseCommandValidator : AbstractValidator<OpenCaseCommand>
{
    public OpenCaseCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.ClientId).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(IncidentCase.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(IncidentCase.DescriptionMaxLength);
        RuleFor(c => c.Severity).IsInEnum();
        RuleFor(c => c.Tlp).IsInEnum();
        this.AddKeyDateRules(c => c.DetectedAt, c => c.ReportedAt, c => c.EngagedAt, clock);
    }
}

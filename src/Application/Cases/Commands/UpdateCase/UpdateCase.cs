using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Cases.Commands.UpdateCase;

[Authorize(Roles = Roles.Staff)]
public sealed record UpdateCaseCommand(
    Guid Id,
    string Title,
    string? Description,
    Severity Severity,
    TrafficLightProtocol Tlp,
    DateTimeOffset? DetectedAt,
    DateTimeOffset? ReportedAt,
    DateTimeOffset? EngagedAt) : ICommand;

public sealed class UpdateCaseCommandHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<UpdateCaseCommand>
{
    public async ValueTask<Unit> Handle(UpdateCaseCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.Id);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.Id);
        incident.UpdateDetails(command.Title, command.Description, command.Severity, command.Tlp);
        incident.SetKeyDates(command.DetectedAt?.ToUniversalTime(), command.ReportedAt?.ToUniversalTime(), command.EngagedAt?.ToUniversalTime(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class UpdateCaseCommandValidator : AbstractValidator<UpdateCaseCommand>
{
    public UpdateCaseCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Title).NotEmpty().MaximumLength(IncidentCase.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(IncidentCase.DescriptionMaxLength);
        RuleFor(c => c.Severity).IsInEnum();
        RuleFor(c => c.Tlp).IsInEnum();
        this.AddKeyDateRules(c => c.DetectedAt, c => c.ReportedAt, c => c.EngagedAt, clock);
    }
}

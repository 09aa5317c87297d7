using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Intake.Commands.SaveIntake;

/// <summary>
/// Saves the case's intake as a new version. <see cref="Submit"/> submits a draft; a submitted intake
/// is amended by any further save and must stay complete. A client user's <see cref="Internal"/> is ignored.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Consultant + "," + Roles.Client)]
public sealed record SaveIntakeCommand(Guid CaseId, IntakeData Data, IntakeInternal? Internal, bool Submit) : ICommand<int>;

public sealed class SaveIntakeCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveIntakeCommand, int>
{
    public async ValueTask<int> Handle(SaveIntakeCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        var isClient = currentUser.IsInRole(Roles.Client);
        if (isClient && incident.ClientId != currentUser.ClientId)
        {
            throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        }

        var intake = await db.Intakes.SingleOrDefaultAsync(i => i.CaseId == caseId, cancellationToken);
        if (intake is null)
        {
            intake = IntakeForm.StartFor(incident);
            db.Intakes.Add(intake);
        }

        if (!command.Submit && intake.Status == IntakeStatus.Submitted)
        {
            var missing = IntakeCompletenessRules.Check(command.Data);
            if (missing.Count > 0)
            {
                throw new Common.Exceptions.ValidationException(missing);
            }
        }

        var version = intake.Save(command.Data, isClient ? null : command.Internal ?? IntakeInternal.Empty, command.Submit, currentUser.AuditName, isClient, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save of the same intake won the race (version number / concurrency token): nothing was written.
            throw new Common.Exceptions.ValidationException(string.Empty, "Someone else saved this intake at the same time. Reload the page and try again.");
        }

        return version.Number;
    }
}

public sealed class SaveIntakeCommandValidator : AbstractValidator<SaveIntakeCommand>
{
    public SaveIntakeCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Data).NotNull().SetValidator(new IntakeDataValidator(clock));
        RuleFor(c => c.Internal!.InternalNotes).MaximumLength(IntakeData.LongText).When(c => c.Internal is not null).OverridePropertyName("Internal.InternalNotes");
        RuleFor(c => c.Internal!.FirstAssessment).MaximumLength(IntakeData.LongText).When(c => c.Internal is not null).OverridePropertyName("Internal.FirstAssessment");
        RuleFor(c => c).Custom((command, context) =>
        {
            if (command.Submit && command.Data is not null)
            {
                IntakeCompletenessRules.Check(command.Data).ForEach(context.AddFailure);
            }
        });
    }
}

using CaseManager.Application.Analysis;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Classification.Commands.ConfirmClassification;

/// <summary>
/// A consultant confirms the suggested type or overrides it (with a reason), with an optional family and a severity.
/// The decision is added to the case's classification history, the case takes the severity, a timeline entry records
/// it, and a case still in Intake or Classification moves on to Analysis.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ConfirmClassificationCommand(Guid CaseId, IncidentType Type, string? Family, Severity Severity, string? Reason) : ICommand;

public sealed class ConfirmClassificationCommandHandler(IApplicationDbContext db, FindingPresenter presenter, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<ConfirmClassificationCommand>
{
    public async ValueTask<Unit> Handle(ConfirmClassificationCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        var suggestion = await ClassificationEngine.SuggestAsync(db, presenter, id, cancellationToken);
        var now = clock.GetUtcNow();
        var by = currentUser.AuditName;
        ClassificationDecision decision;
        try
        {
            decision = ClassificationDecision.Decide(
                incident, command.Type, command.Family, command.Severity, suggestion.Top?.Type, suggestion.Top?.Score ?? 0, command.Reason, by, now);
        }
        catch (DomainException ex)
        {
            var property = ex.Message.Contains("reason", StringComparison.OrdinalIgnoreCase) ? nameof(command.Reason)
                : ex.Message.Contains("family", StringComparison.OrdinalIgnoreCase) ? nameof(command.Family)
                : nameof(command.Type);
            throw new Common.Exceptions.ValidationException(property, ex.Message);
        }

        db.Classifications.Add(decision);
        incident.UpdateDetails(incident.Title, incident.Description, command.Severity, incident.Tlp);
        var label = IncidentTaxonomy.Subject(decision.Type, decision.Family);
        // The phase history shows comments as written, in every language: the system writes none of its own (the timeline's
        // localised "Classified as …" entry says it); the consultant's reason, when given, is the comment.
        var comment = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim()[..Math.Min(command.Reason.Trim().Length, PhaseChange.CommentMaxLength)];
        if (incident.Phase == CasePhase.Intake)
        {
            incident.ChangePhase(CasePhase.Classification, comment, by, now);
        }

        if (incident.Phase == CasePhase.Classification)
        {
            incident.ChangePhase(CasePhase.Analysis, comment, by, now);
        }

        db.Timeline.Add(TimelineEntry.ForCase(id, TimelineEntryKind.Classified, now, label));
        await Remediation.RemediationPlanner.OnClassifiedAsync(db, incident, decision.Type, by, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class ConfirmClassificationCommandValidator : AbstractValidator<ConfirmClassificationCommand>
{
    public ConfirmClassificationCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Type).IsInEnum().WithMessage("Unknown incident type.");
        RuleFor(c => c.Severity).IsInEnum().WithMessage("Unknown severity.");
        RuleFor(c => c.Family).MaximumLength(ClassificationDecision.FamilyMaxLength);
        RuleFor(c => c.Reason).MaximumLength(ClassificationDecision.ReasonMaxLength);
    }
}

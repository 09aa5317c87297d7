using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Commands.RetractReport;

/// <summary>Withdraws a published version from the client, with a reason; staff still see it (and its files) in the history. Audited.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record RetractReportCommand(Guid CaseId, int Version, string Reason) : ICommand;

public sealed class RetractReportCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RetractReportCommand>
{
    public async ValueTask<Unit> Handle(RetractReportCommand command, CancellationToken cancellationToken)
    {
        var report = await ReportWorkflow.ReportAsync(db, command.CaseId, command.Version, cancellationToken);
        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        ReportWorkflow.Apply(() => report.Retract(userId, userName, command.Reason, clock.GetUtcNow()), nameof(command.Reason));
        db.Timeline.Add(report.TimelineEntryFor(ReportAction.Retracted));
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditEventTypes.ReportRetracted, $"report:{report.Id.Value}", $"case {command.CaseId} v{report.Version}: {report.RetractionReason}", cancellationToken);
        return Unit.Value;
    }
}

public sealed class RetractReportCommandValidator : AbstractValidator<RetractReportCommand>
{
    public RetractReportCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for retracting this version.")
            .MaximumLength(ReportHistoryEntry.TextMaxLength).WithMessage("A reason is at most 4,000 characters long.");
    }
}

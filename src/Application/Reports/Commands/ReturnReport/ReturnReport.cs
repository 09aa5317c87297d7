using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Commands.ReturnReport;

/// <summary>Sends a version in review back with the reviewer's comments (kept in its history); it can then be edited again.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ReturnReportCommand(Guid CaseId, int Version, string Comments) : ICommand;

public sealed class ReturnReportCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, TimeProvider clock)
    : ICommandHandler<ReturnReportCommand>
{
    public async ValueTask<Unit> Handle(ReturnReportCommand command, CancellationToken cancellationToken)
    {
        var report = await ReportWorkflow.ReportAsync(db, command.CaseId, command.Version, cancellationToken);
        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        ReportWorkflow.Apply(() => report.Return(userId, userName, command.Comments, clock.GetUtcNow()), nameof(command.Comments));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class ReturnReportCommandValidator : AbstractValidator<ReturnReportCommand>
{
    public ReturnReportCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        RuleFor(c => c.Comments).NotEmpty().WithMessage("Say what needs to change: the comments are required.")
            .MaximumLength(ReportHistoryEntry.TextMaxLength).WithMessage("Comments are at most 4,000 characters long.");
    }
}

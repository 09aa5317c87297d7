using CaseManager.Domain.Identity;

namespace CaseManager.Application.Reports.Commands.SubmitReportForReview;

/// <summary>Freezes a draft's files and asks another consultant to review them.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record SubmitReportForReviewCommand(Guid CaseId, int Version) : ICommand;

public sealed class SubmitReportForReviewCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, TimeProvider clock)
    : ICommandHandler<SubmitReportForReviewCommand>
{
    public async ValueTask<Unit> Handle(SubmitReportForReviewCommand command, CancellationToken cancellationToken)
    {
        var report = await ReportWorkflow.ReportAsync(db, command.CaseId, command.Version, cancellationToken);
        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        ReportWorkflow.Apply(() => report.SubmitForReview(userId, userName, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class SubmitReportForReviewCommandValidator : AbstractValidator<SubmitReportForReviewCommand>
{
    public SubmitReportForReviewCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

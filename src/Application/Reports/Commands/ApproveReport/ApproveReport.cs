using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Commands.ApproveReport;

/// <summary>
/// Approves a version in review and so publishes its reviewed files, unchanged, as an immutable version. The reviewer
/// must not be its author or submitter. The client organisation's active users are notified in the same transaction,
/// and the publication is audited.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ApproveReportCommand(Guid CaseId, int Version) : ICommand;

public sealed class ApproveReportCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ApproveReportCommand>
{
    public async ValueTask<Unit> Handle(ApproveReportCommand command, CancellationToken cancellationToken)
    {
        var report = await ReportWorkflow.ReportAsync(db, command.CaseId, command.Version, cancellationToken);
        var incident = await ReportWorkflow.CaseAsync(db, command.CaseId, cancellationToken);
        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        var now = clock.GetUtcNow();
        ReportWorkflow.Apply(() => report.Approve(userId, userName, now));
        db.Timeline.Add(report.TimelineEntryFor(ReportAction.Published));

        var users = await identity.ListUsersAsync(cancellationToken);
        foreach (var recipient in users.Where(u => !u.Disabled && u.Role == Roles.Client && u.ClientId == incident.ClientId.Value))
        {
            db.Notifications.Add(Notification.AboutCase(recipient.Id, NotificationKind.ReportPublished, incident, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(
            AuditEventTypes.ReportPublished,
            $"report:{report.Id.Value}",
            $"{incident.Number.Value} v{report.Version} ({report.Language}) PDF {report.Files.PdfSha256} HTML {report.Files.HtmlSha256}; author {report.AuthorName}",
            cancellationToken);
        return Unit.Value;
    }
}

public sealed class ApproveReportCommandValidator : AbstractValidator<ApproveReportCommand>
{
    public ApproveReportCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
    }
}

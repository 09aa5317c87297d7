using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Commands.UpdateReportNarrative;

/// <summary>
/// Replaces a draft's (or returned version's) executive summary and recommendations and regenerates its files from
/// them, so the stored files always say what the narrative says. A submitted, published or retracted version refuses.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record UpdateReportNarrativeCommand(Guid CaseId, int Version, string? ExecutiveSummary, string? Recommendations) : ICommand;

public sealed class UpdateReportNarrativeCommandHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, IReportGenerator generator, IReportFileStore store, TimeProvider clock)
    : ICommandHandler<UpdateReportNarrativeCommand>
{
    public async ValueTask<Unit> Handle(UpdateReportNarrativeCommand command, CancellationToken cancellationToken)
    {
        var report = await ReportWorkflow.ReportAsync(db, command.CaseId, command.Version, cancellationToken);
        if (!report.Editable)
        {
            ReportWorkflow.Apply(() => report.EditNarrative(command.ExecutiveSummary, command.Recommendations, report.Files, string.Empty, string.Empty, clock.GetUtcNow()));
        }

        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        var now = clock.GetUtcNow();
        var request = new ReportRequest(report.CaseId, report.Language, report.Version, report.AuthorName, now, new ReportNarrative(command.ExecutiveSummary, command.Recommendations));
        var files = await ReportFilesWriter.WriteAsync(generator, store, request, cancellationToken);
        ReportWorkflow.Apply(() => report.EditNarrative(command.ExecutiveSummary, command.Recommendations, files, userId, userName, now));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class UpdateReportNarrativeCommandValidator : AbstractValidator<UpdateReportNarrativeCommand>
{
    public UpdateReportNarrativeCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        RuleFor(c => c.ExecutiveSummary).MaximumLength(CaseReport.NarrativeMaxLength).WithMessage(ReportWorkflow.NarrativeMessage);
        RuleFor(c => c.Recommendations).MaximumLength(CaseReport.NarrativeMaxLength).WithMessage(ReportWorkflow.NarrativeMessage);
    }
}

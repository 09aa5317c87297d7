using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Commands.GenerateReportDraft;

/// <summary>
/// Generates a new draft: the case's next version number (1, 2, 3 …), in <see cref="Language"/> (null: the client's
/// preferred language), with the consultant's narrative. The files are generated and stored first and the version is
/// saved only when both exist, so a failed generation leaves nothing behind.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GenerateReportDraftCommand(Guid CaseId, string? Language, string? ExecutiveSummary = null, string? Recommendations = null)
    : ICommand<ReportCreatedDto>;

public sealed record ReportCreatedDto(Guid ReportId, int Version, string Language, string State);

public sealed class GenerateReportDraftCommandHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, IReportGenerator generator, IReportFileStore store, TimeProvider clock)
    : ICommandHandler<GenerateReportDraftCommand, ReportCreatedDto>
{
    public async ValueTask<ReportCreatedDto> Handle(GenerateReportDraftCommand command, CancellationToken cancellationToken)
    {
        if (currentUser.RestrictedToCaseId is not null)
        {
            throw new ForbiddenAccessException();
        }

        var incident = await ReportWorkflow.CaseAsync(db, command.CaseId, cancellationToken);
        var language = command.Language
            ?? await db.Clients.Where(c => c.Id == incident.ClientId).Select(c => c.PreferredLanguage).SingleOrDefaultAsync(cancellationToken)
            ?? Client.DefaultLanguage;
        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        var version = (await db.Reports.Where(r => r.CaseId == incident.Id).MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0) + 1;
        var now = clock.GetUtcNow();
        var request = new ReportRequest(incident.Id, language, version, userName, now, new ReportNarrative(command.ExecutiveSummary, command.Recommendations));
        var files = await ReportFilesWriter.WriteAsync(generator, store, request, cancellationToken);

        CaseReport report = null!;
        ReportWorkflow.Apply(() => report = CaseReport.Draft(incident, version, language, command.ExecutiveSummary, command.Recommendations, files, userId, userName, now), nameof(command.Language));
        db.Reports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (case, version) index: someone generated the same version number at the same moment.
            throw new Common.Exceptions.ValidationException(nameof(command.CaseId), "Another draft of this case was generated at the same moment; generate again.");
        }

        return new ReportCreatedDto(report.Id.Value, report.Version, report.Language, report.State.ToString());
    }
}

public sealed class GenerateReportDraftCommandValidator : AbstractValidator<GenerateReportDraftCommand>
{
    public GenerateReportDraftCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Language).Must(l => l is null || ReportLanguages.IsSupported(l)).WithMessage(ReportWorkflow.LanguageMessage);
        RuleFor(c => c.ExecutiveSummary).MaximumLength(CaseReport.NarrativeMaxLength).WithMessage(ReportWorkflow.NarrativeMessage);
        RuleFor(c => c.Recommendations).MaximumLength(CaseReport.NarrativeMaxLength).WithMessage(ReportWorkflow.NarrativeMessage);
    }
}

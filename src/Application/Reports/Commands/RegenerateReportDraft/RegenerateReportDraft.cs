using CaseManager.Domain.Identity;

namespace CaseManager.Application.Reports.Commands.RegenerateReportDraft;

/// <summary>
/// Regenerates a draft's (or returned version's) files from the case as it is now, optionally in another language.
/// The version number stays; a submitted, published or retracted version refuses (its bytes never change).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record RegenerateReportDraftCommand(Guid CaseId, int Version, string? Language = null) : ICommand;

public sealed class RegenerateReportDraftCommandHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, IReportGenerator generator, IReportFileStore store, TimeProvider clock)
    : ICommandHandler<RegenerateReportDraftCommand>
{
    public async ValueTask<Unit> Handle(RegenerateReportDraftCommand command, CancellationToken cancellationToken)
    {
        var report = await ReportWorkflow.ReportAsync(db, command.CaseId, command.Version, cancellationToken);
        var language = command.Language ?? report.Language;
        if (!report.Editable)
        {
            // Refuse before generating anything: the domain names the state.
            ReportWorkflow.Apply(() => report.Regenerate(language, report.Files, string.Empty, string.Empty, clock.GetUtcNow()));
        }

        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        var now = clock.GetUtcNow();
        var files = await ReportFilesWriter.WriteAsync(generator, store, ReportWorkflow.Request(report, language, report.AuthorName, now), cancellationToken);
        ReportWorkflow.Apply(() => report.Regenerate(language, files, userId, userName, now));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class RegenerateReportDraftCommandValidator : AbstractValidator<RegenerateReportDraftCommand>
{
    public RegenerateReportDraftCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        RuleFor(c => c.Language).Must(l => l is null || ReportLanguages.IsSupported(l)).WithMessage(ReportWorkflow.LanguageMessage);
    }
}

using CaseManager.Application.Audit;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Reports;

namespace CaseManager.Application.Reports.Commands.GetReportFile;

/// <summary>
/// One file of one report version, checked against its SHA-256, for download; every download is recorded (who, when,
/// from which address, which format) and audited. Staff get any version; a client user only published versions of
/// its own organisation's cases — a draft, a version in review, a returned or retracted one, or another organisation's,
/// is "not found". A command, not a query, because it writes the download record.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record GetReportFileCommand(Guid CaseId, int Version, ReportFormat Format, string? IpAddress) : ICommand<ReportFileDto>;

public sealed record ReportFileDto(string FileName, string ContentType, byte[] Content, string Sha256);

public sealed class GetReportFileCommandHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IIdentityService identity, IReportFileStore store, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<GetReportFileCommand, ReportFileDto>
{
    public async ValueTask<ReportFileDto> Handle(GetReportFileCommand command, CancellationToken cancellationToken)
    {
        var byClient = currentUser.IsInRole(Roles.Client);
        var caseId = new CaseId(command.CaseId);
        var incident = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.CaseId == caseId && r.Version == command.Version, cancellationToken);
        if (report is null || (byClient && (!report.VisibleToClient || incident.ClientId != currentUser.ClientId)))
        {
            throw new NotFoundException(nameof(CaseReport), $"{command.CaseId} v{command.Version}");
        }

        var sha256 = report.Sha256Of(command.Format);
        var content = await store.ReadAsync(sha256, cancellationToken);
        var (userId, userName) = await ReportWorkflow.ActorAsync(currentUser, identity, cancellationToken);
        db.ReportDownloads.Add(ReportDownload.Record(report, command.Format, userId, userName, byClient, command.IpAddress, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        var extension = command.Format == ReportFormat.Pdf ? "pdf" : "html";
        await audit.RecordAsync(
            new AuditEvent(AuditEventTypes.ReportDownloaded, $"report:{report.Id.Value}", $"{incident.Number.Value} v{report.Version} {extension.ToUpperInvariant()} {sha256}")
            {
                IpAddress = command.IpAddress,
            },
            cancellationToken);
        return new ReportFileDto(
            $"{incident.Number.Value}-report-v{report.Version}-{report.Language}.{extension}",
            command.Format == ReportFormat.Pdf ? "application/pdf" : "text/html; charset=utf-8",
            content,
            sha256);
    }
}

public sealed class GetReportFileCommandValidator : AbstractValidator<GetReportFileCommand>
{
    public GetReportFileCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Version).GreaterThan(0);
        RuleFor(c => c.Format).IsInEnum();
    }
}

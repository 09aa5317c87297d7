using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.BeginUpload;

/// <summary>Starts a chunked upload of one file to a case's evidence; returns the upload id.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record BeginEvidenceUploadCommand(Guid CaseId, string FileName, long Size) : ICommand<Guid>;

public sealed class BeginEvidenceUploadCommandHandler(IApplicationDbContext db, IEvidenceStore store, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<BeginEvidenceUploadCommand, Guid>
{
    public async ValueTask<Guid> Handle(BeginEvidenceUploadCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        ClientUploadRule.Check(currentUser, incident);
        Guid uploadId;
        try
        {
            uploadId = await store.BeginUploadAsync(command.Size, cancellationToken);
        }
        catch (EvidenceRejectedException ex)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Size), ex.Message);
        }

        db.PendingUploads.Add(PendingUpload.Start(uploadId, incident, command.FileName.Trim(), command.Size, currentUser.AuditName, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return uploadId;
    }
}

public sealed class BeginEvidenceUploadCommandValidator : AbstractValidator<BeginEvidenceUploadCommand>
{
    public BeginEvidenceUploadCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Size).GreaterThan(0).WithMessage("The file is empty.");
        RuleFor(c => c.FileName)
            .NotEmpty()
            .Must(name => System.Text.Encoding.UTF8.GetByteCount(name.Trim()) <= EvidenceItem.NameMaxLength).WithMessage("The file name is too long.")
            .Must(name => !name.Any(c => c is '/' or '\\' || char.IsControl(c))).WithMessage("The file name may not contain path separators or control characters.")
            .Must(name => name.Trim() is not ("." or "..")).WithMessage("The file name may not contain path separators or control characters.");
    }
}

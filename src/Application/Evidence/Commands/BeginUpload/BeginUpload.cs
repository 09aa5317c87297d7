using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;
using Microsoft.Extensions.Options;

namespace CaseManager.Application.Evidence.Commands.BeginUpload;

/// <summary>Starts a chunked upload of one file to a case's evidence; returns the upload id.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record BeginEvidenceUploadCommand(Guid CaseId, string FileName, long Size) : ICommand<Guid>;

/// <summary>
/// Checks the case, the quotas (pending bytes per user and per case) and the disk (free space minus what unfinished
/// uploads still may write) and records the upload, all under one gate so parallel calls cannot promise the same bytes twice.
/// </summary>
public sealed class BeginEvidenceUploadCommandHandler(
    IApplicationDbContext db,
    IEvidenceStore store,
    ICurrentUser currentUser,
    IOptions<UploadQuotaOptions> quotas,
    TimeProvider clock) : ICommandHandler<BeginEvidenceUploadCommand, Guid>
{
    /// <summary>One begin at a time per process: the quota sums, the disk reservation and the insert are one step.</summary>
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async ValueTask<Guid> Handle(BeginEvidenceUploadCommand command, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(command.CaseId);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        ClientUploadRule.Check(currentUser, incident);

        await Gate.WaitAsync(cancellationToken);
        try
        {
            var limits = quotas.Value;
            var pending = db.PendingUploads.IgnoreQueryFilters();
            var userId = currentUser.UserId;
            var byUser = await pending.Where(u => u.StartedById == userId).Select(u => (long?)u.Size).SumAsync(cancellationToken) ?? 0;
            if (byUser + command.Size > limits.MaxPendingBytesPerUser)
            {
                throw new Common.Exceptions.ValidationException(nameof(command.Size), "Your unfinished uploads would exceed your upload quota. Finish or wait for them first.");
            }

            var byCase = await pending.Where(u => u.CaseId == caseId).Select(u => (long?)u.Size).SumAsync(cancellationToken) ?? 0;
            if (byCase + command.Size > limits.MaxPendingBytesPerCase)
            {
                throw new Common.Exceptions.ValidationException(nameof(command.Size), "Unfinished uploads to this case would exceed its upload quota. Finish or wait for them first.");
            }

            Guid uploadId;
            try
            {
                uploadId = await store.BeginUploadAsync(command.Size, cancellationToken);
            }
            catch (EvidenceRejectedException ex)
            {
                throw new Common.Exceptions.ValidationException(nameof(command.Size), ex.Message);
            }

            db.PendingUploads.Add(PendingUpload.Start(uploadId, incident, command.FileName.Trim(), command.Size, currentUser.AuditName, userId, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return uploadId;
        }
        finally
        {
            Gate.Release();
        }
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
            .Must(name => !name.Any(c => c is '/' or '\\' || EvidenceFileName.IsInvisibleOrControl(c))).WithMessage("The file name may not contain path separators or control characters.")
            .Must(name => name.Trim() is not ("." or "..")).WithMessage("The file name may not contain path separators or control characters.");
    }
}

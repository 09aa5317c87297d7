using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.DownloadEvidence;

/// <summary>
/// Opens an item for download after re-verifying its SHA-256 (a mismatch refuses the download) and
/// records who downloaded it and why in the chain of custody. Executables and scripts must be sent
/// as an encrypted zip (<see cref="EvidenceDownload.MustBeZipped"/>), judged from their content and name, whatever their kind.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record DownloadEvidenceCommand(Guid EvidenceId, string Reason) : ICommand<EvidenceDownload>;

public sealed record EvidenceDownload(string FileName, EvidenceKind Kind, long Size, bool MustBeZipped, Stream Content);

public sealed class EvidenceIntegrityException(string sha256)
    : Exception($"The stored content no longer matches its SHA-256 {sha256}; the download was refused.");

public sealed class DownloadEvidenceCommandHandler(IApplicationDbContext db, IEvidenceStore store, IEvidenceInspector inspector, ICurrentUser currentUser, TimeProvider clock, CaseManager.Application.Audit.IAuditLog audit)
    : ICommandHandler<DownloadEvidenceCommand, EvidenceDownload>
{
    public async ValueTask<EvidenceDownload> Handle(DownloadEvidenceCommand command, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(command.EvidenceId);
        var item = await db.Evidence.Include(e => e.Custody).SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(EvidenceItem), command.EvidenceId);
        if (!await store.VerifyAsync(item.Sha256, cancellationToken))
        {
            throw new EvidenceIntegrityException(item.Sha256);
        }

        item.RecordDownload(currentUser.AuditName, command.Reason.Trim(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        // Decided from the stored bytes and the name, not from the kind (which staff can override).
        var head = new byte[IEvidenceInspector.HeadLength];
        int length;
        await using (var content = store.OpenRead(item.Sha256))
        {
            length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var mustZip = item.Kind is EvidenceKind.ElfExecutable or EvidenceKind.PeExecutable or EvidenceKind.Script
            || inspector.MustBePackaged(head.AsSpan(0, length), item.OriginalName);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.EvidenceDownloaded, "evidence:" + item.Id.Value,
            $"{item.OriginalName} (case {item.CaseId.Value}, SHA-256 {item.Sha256}{(mustZip ? ", as encrypted zip" : string.Empty)}); reason: {command.Reason.Trim()}", cancellationToken);
        return new EvidenceDownload(item.OriginalName, item.Kind, item.Size, mustZip, store.OpenRead(item.Sha256));
    }
}

public sealed class DownloadEvidenceCommandValidator : AbstractValidator<DownloadEvidenceCommand>
{
    public DownloadEvidenceCommandValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
}

using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.CompleteUpload;

/// <summary>
/// Finishes an upload: the store checks every byte arrived and files the content under its SHA-256;
/// the item enters the case's evidence register (received, with hashes, in its chain of custody) and its analysis is queued.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record CompleteEvidenceUploadCommand(Guid UploadId, string ReceivedFrom) : ICommand<Guid>;

public sealed class CompleteEvidenceUploadCommandHandler(
    IApplicationDbContext db,
    IEvidenceStore store,
    IEvidenceInspector inspector,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommandHandler<CompleteEvidenceUploadCommand, Guid>
{
    public async ValueTask<Guid> Handle(CompleteEvidenceUploadCommand command, CancellationToken cancellationToken)
    {
        var (upload, incident) = await BeginUpload.ClientUploadRule.LoadAsync(db, currentUser, command.UploadId, cancellationToken);

        StoredContent stored;
        try
        {
            stored = await store.CompleteAsync(upload.Id, cancellationToken);
        }
        catch (EvidenceRejectedException ex)
        {
            throw new Common.Exceptions.ValidationException("Upload", ex.Message);
        }

        var head = new byte[IEvidenceInspector.HeadLength];
        int length;
        await using (var content = store.OpenRead(stored.Sha256))
        {
            length = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var item = EvidenceItem.Register(
            incident,
            upload.FileName,
            inspector.Detect(head.AsSpan(0, length), upload.FileName),
            stored.Size,
            stored.Sha256,
            stored.Sha1,
            stored.Md5,
            currentUser.AuditName,
            command.ReceivedFrom,
            clock.GetUtcNow());
        db.Evidence.Add(item);
        db.PendingUploads.Remove(upload);
        await db.SaveChangesAsync(cancellationToken);
        return item.Id.Value;
    }
}

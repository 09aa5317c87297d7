using CaseManager.Application.Evidence.Commands.BeginUpload;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.AppendChunk;

/// <summary>
/// Appends one chunk at <see cref="Offset"/>; returns the new offset. A wrong offset throws <see cref="UploadOffsetMismatchException"/>.
/// Only whoever started the upload may continue it, and only while the upload rules (closed case, client uploads) allow it.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record AppendEvidenceChunkCommand(Guid UploadId, long Offset, Stream Chunk) : ICommand<long>;

public sealed class AppendEvidenceChunkCommandHandler(IApplicationDbContext db, IEvidenceStore store, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AppendEvidenceChunkCommand, long>
{
    public async ValueTask<long> Handle(AppendEvidenceChunkCommand command, CancellationToken cancellationToken)
    {
        var (upload, _) = await ClientUploadRule.LoadAsync(db, currentUser, command.UploadId, cancellationToken);

        long offset;
        try
        {
            offset = await store.AppendAsync(command.UploadId, command.Offset, command.Chunk, cancellationToken);
        }
        catch (EvidenceRejectedException ex)
        {
            throw new Common.Exceptions.ValidationException("Chunk", ex.Message);
        }

        upload.Touch(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return offset;
    }
}

/// <summary>Where an upload stands (to resume after a broken connection).</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record GetUploadOffsetQuery(Guid UploadId) : IQuery<long>;

public sealed class GetUploadOffsetQueryHandler(IApplicationDbContext db, IEvidenceStore store, ICurrentUser currentUser) : IQueryHandler<GetUploadOffsetQuery, long>
{
    public async ValueTask<long> Handle(GetUploadOffsetQuery query, CancellationToken cancellationToken)
    {
        var upload = await db.PendingUploads.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UploadId, cancellationToken)
            ?? throw new NotFoundException("Upload", query.UploadId);
        ClientUploadRule.CheckOwner(currentUser, upload);
        return await store.GetOffsetAsync(query.UploadId, cancellationToken);
    }
}

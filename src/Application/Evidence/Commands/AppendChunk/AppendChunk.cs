using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.AppendChunk;

/// <summary>Appends one chunk at <see cref="Offset"/>; returns the new offset. A wrong offset throws <see cref="UploadOffsetMismatchException"/>.</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record AppendEvidenceChunkCommand(Guid UploadId, long Offset, Stream Chunk) : ICommand<long>;

public sealed class AppendEvidenceChunkCommandHandler(IApplicationDbContext db, IEvidenceStore store) : ICommandHandler<AppendEvidenceChunkCommand, long>
{
    public async ValueTask<long> Handle(AppendEvidenceChunkCommand command, CancellationToken cancellationToken)
    {
        if (!await db.PendingUploads.AnyAsync(u => u.Id == command.UploadId, cancellationToken))
        {
            throw new NotFoundException("Upload", command.UploadId);
        }

        try
        {
            return await store.AppendAsync(command.UploadId, command.Offset, command.Chunk, cancellationToken);
        }
        catch (EvidenceRejectedException ex)
        {
            throw new Common.Exceptions.ValidationException("Chunk", ex.Message);
        }
    }
}

/// <summary>Where an upload stands (to resume after a broken connection).</summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record GetUploadOffsetQuery(Guid UploadId) : IQuery<long>;

public sealed class GetUploadOffsetQueryHandler(IApplicationDbContext db, IEvidenceStore store) : IQueryHandler<GetUploadOffsetQuery, long>
{
    public async ValueTask<long> Handle(GetUploadOffsetQuery query, CancellationToken cancellationToken)
    {
        if (!await db.PendingUploads.AnyAsync(u => u.Id == query.UploadId, cancellationToken))
        {
            throw new NotFoundException("Upload", query.UploadId);
        }

        return await store.GetOffsetAsync(query.UploadId, cancellationToken);
    }
}

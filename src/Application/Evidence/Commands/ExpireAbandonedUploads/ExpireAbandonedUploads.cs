using Microsoft.Extensions.Options;

namespace CaseManager.Application.Evidence.Commands.ExpireAbandonedUploads;

/// <summary>
/// Sent by the hourly job: uploads without a chunk for <see cref="UploadQuotaOptions.AbandonedUploadHours"/> are
/// abandoned. Their bytes are deleted and their quota and disk reservation are freed. Returns how many expired.
/// </summary>
[SystemRequest]
public sealed record ExpireAbandonedUploadsCommand : ICommand<int>;

public sealed class ExpireAbandonedUploadsCommandHandler(IApplicationDbContext db, IEvidenceStore store, IOptions<UploadQuotaOptions> options, TimeProvider clock, CaseManager.Application.Audit.IAuditLog audit)
    : ICommandHandler<ExpireAbandonedUploadsCommand, int>
{
    public async ValueTask<int> Handle(ExpireAbandonedUploadsCommand command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromHours(options.Value.AbandonedUploadHours);
        var abandoned = await db.PendingUploads.IgnoreQueryFilters().Where(u => u.LastActivityAt < cutoff).ToListAsync(cancellationToken);
        foreach (var upload in abandoned)
        {
            await store.AbortAsync(upload.Id, cancellationToken);
            db.PendingUploads.Remove(upload);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var upload in abandoned)
        {
            await audit.RecordAsync(Domain.Audit.AuditEventTypes.Deleted, "upload:" + upload.Id,
                $"abandoned upload expired: {upload.FileName} on case {upload.CaseId.Value}, started by {upload.StartedBy}; its bytes were deleted", cancellationToken);
        }

        return abandoned.Count;
    }
}

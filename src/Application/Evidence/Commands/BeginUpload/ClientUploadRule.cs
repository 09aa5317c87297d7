using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.BeginUpload;

/// <summary>
/// Who may add evidence to a case, checked on every step of an upload (begin, chunk, offset, complete): nobody once the
/// case is closed; client users only to their own organisation's cases (others are not found: the tenant filter hides
/// them) and only while the consultants allow it; and an upload is continued only by whoever started it.
/// </summary>
internal static class ClientUploadRule
{
    public static void Check(ICurrentUser user, IncidentCase incident)
    {
        if (user.IsInRole(Roles.Client) && !user.IsSystem)
        {
            if (incident.ClientId != user.ClientId)
            {
                throw new NotFoundException(nameof(IncidentCase), incident.Id.Value);
            }

            if (!incident.ClientUploadsAllowed)
            {
                throw new ForbiddenAccessException();
            }
        }

        if (user.RestrictedToCaseId is { } onlyCase && onlyCase != incident.Id.Value)
        {
            throw new ForbiddenAccessException(); // a collector key for another case
        }

        if (incident.Phase == CasePhase.Closed)
        {
            throw new ConflictException("The case is closed: evidence can no longer be added.");
        }
    }

    /// <summary>Someone else's upload does not exist for this user (uploads from before owners were recorded: staff only).</summary>
    public static void CheckOwner(ICurrentUser user, PendingUpload upload)
    {
        if (user.IsSystem)
        {
            return;
        }

        var owner = upload.StartedById;
        if (owner is null ? user.IsInRole(Roles.Client) : owner != user.UserId)
        {
            throw new NotFoundException("Upload", upload.Id);
        }
    }

    /// <summary>Loads an upload this user may continue, with its case, checking every rule above.</summary>
    public static async Task<(PendingUpload Upload, IncidentCase Incident)> LoadAsync(
        IApplicationDbContext db, ICurrentUser user, Guid uploadId, CancellationToken cancellationToken)
    {
        var upload = await db.PendingUploads.SingleOrDefaultAsync(u => u.Id == uploadId, cancellationToken)
            ?? throw new NotFoundException("Upload", uploadId);
        CheckOwner(user, upload);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == upload.CaseId, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), upload.CaseId.Value);
        Check(user, incident);
        return (upload, incident);
    }
}

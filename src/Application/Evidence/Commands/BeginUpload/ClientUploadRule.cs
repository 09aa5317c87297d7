using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Commands.BeginUpload;

/// <summary>
/// Client users may upload only to their own organisation's cases (others are not found: the tenant
/// filter hides them) and only where the consultants allowed it.
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
    }
}

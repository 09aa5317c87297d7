using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Yara;

/// <summary>Who may change which rule sets: global ones admins only; a case's ones staff, for a case that exists.</summary>
internal static class YaraAccess
{
    public static async Task EnsureMayEditAsync(IApplicationDbContext db, ICurrentUser user, Guid? caseId, CancellationToken cancellationToken)
    {
        if (caseId is null)
        {
            if (!user.IsInRole(Roles.Admin))
            {
                throw new ForbiddenAccessException();
            }

            return;
        }

        if (!await db.Cases.AnyAsync(c => c.Id == new CaseId(caseId.Value), cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), caseId.Value);
        }
    }

    /// <summary>The compiler's errors as one message, each with its line.</summary>
    public static string Describe(IEnumerable<YaraDiagnostic> errors) =>
        string.Join("\n", errors.Select(e => e.Line is { } line ? $"line {line}: {e.Message}" : e.Message));
}

using CaseManager.Domain.Audit;
using CaseManager.Infrastructure.Data.Interceptors;

namespace CaseManager.Infrastructure.Audit;

/// <summary>Audit rows are only ever added: an update or delete of one through EF Core throws (pruning uses a bulk delete with the anchor).</summary>
internal sealed class AppendOnlyAuditInterceptor : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        if (context.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }
}

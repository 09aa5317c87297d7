using CaseManager.Domain.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CaseManager.Infrastructure.Data.Interceptors;

/// <summary>Stamps created/updated by/at on save, also when only a child row (history, contact) changed.</summary>
internal sealed class AuditableEntityInterceptor(ICurrentUser currentUser, TimeProvider clock) : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        var now = clock.GetUtcNow();
        foreach (var entry in context.ChangeTracker.Entries<IAuditable>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.StampCreated(now, currentUser.AuditName);
            }
            else if (entry.State == EntityState.Modified || HasChangedChildren(entry))
            {
                entry.Entity.StampUpdated(now, currentUser.AuditName);
            }
        }
    }

    /// <summary>True when a row of one of the entity's child collections was added, changed or removed.</summary>
    private static bool HasChangedChildren(EntityEntry entry)
    {
        foreach (var collection in entry.Collections)
        {
            if (collection.Metadata is not INavigation navigation)
            {
                continue;
            }

            var foreignKey = navigation.ForeignKey;
            var key = entry.Property(foreignKey.PrincipalKey.Properties[0].Name).CurrentValue;
            var fkName = foreignKey.Properties[0].Name;
            if (entry.Context.ChangeTracker.Entries().Any(child =>
                    child.Metadata == foreignKey.DeclaringEntityType && IsChanged(child) && Equals(child.Property(fkName).CurrentValue, key)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsChanged(EntityEntry child) => child.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;
}

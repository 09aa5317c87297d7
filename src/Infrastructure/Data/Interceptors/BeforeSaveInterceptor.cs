using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaseManager.Infrastructure.Data.Interceptors;

/// <summary>An interceptor that looks at the change tracker before every save, the same for SaveChanges and SaveChangesAsync.</summary>
internal abstract class BeforeSaveInterceptor : SaveChangesInterceptor
{
    public sealed override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            BeforeSave(context);
        }

        return base.SavingChanges(eventData, result);
    }

    public sealed override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            BeforeSave(context);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    protected abstract void BeforeSave(DbContext context);
}

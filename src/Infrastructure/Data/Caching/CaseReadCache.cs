using System.Data.Common;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace CaseManager.Infrastructure.Data.Caching;

/// <summary>The generation of the case data this process has saved; a new generation makes every cached read model miss.</summary>
internal sealed class CaseDataGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}

/// <summary>
/// <see cref="ICaseReadCache"/> on <see cref="IMemoryCache"/>: the key holds the tenant scope (as the query filter decides
/// it) and the data generation read before loading, so a load that raced a save is stored under the old generation and
/// never served after that save.
/// </summary>
internal sealed class CaseReadCache(IMemoryCache cache, CaseDataGeneration generation, ICurrentUser currentUser) : ICaseReadCache
{
    public async ValueTask<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        var restricted = !currentUser.IsSystem && currentUser.IsInRole(Roles.Client);
        var scope = restricted ? $"client:{currentUser.ClientId?.Value}" : "all";
        var entryKey = (typeof(T), key, scope, generation.Current);
        if (cache.TryGetValue(entryKey, out T? value) && value is not null)
        {
            return value;
        }

        value = await load(cancellationToken);
        cache.Set(entryKey, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = ICaseReadCache.MaxAge, Size = 1 });
        return value;
    }
}

/// <summary>
/// Advances the <see cref="CaseDataGeneration"/> after a save that added, changed or removed a case, a client or a
/// classification decision, and once more when the transaction around such a save commits (a load between the save and
/// the commit still read the old rows).
/// </summary>
internal sealed class CaseDataChangeInterceptor(CaseDataGeneration generation) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool _pending;
    private bool _pendingCommit;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        _pending |= TouchesCaseData(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        _pending |= TouchesCaseData(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish();
        return base.SavedChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    // A failed save may still have written part of its rows (no transaction around it): drop the cache as well.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Publish();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => PublishCommit();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        PublishCommit();
        return Task.CompletedTask;
    }

    private static bool TouchesCaseData(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is IncidentCase or Client or ClassificationDecision);

    private void Publish()
    {
        if (_pending)
        {
            _pending = false;
            _pendingCommit = true;
            generation.Advance();
        }
    }

    private void PublishCommit()
    {
        if (_pendingCommit)
        {
            _pendingCommit = false;
            generation.Advance();
        }
    }
}

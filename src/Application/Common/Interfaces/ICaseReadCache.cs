namespace CaseManager.Application.Common.Interfaces;

/// <summary>
/// A short-lived, process-local cache for read models computed from cases, clients and classification decisions (the
/// case list's dashboard, the client names of its filter, the case count of the unfiltered list). Entries are kept per
/// tenant scope (staff, or one client organisation) and are dropped as soon as this process saves a change to a case, a
/// client or a classification decision, and after <see cref="MaxAge"/> at the latest (a change saved by another process,
/// such as the worker).
/// </summary>
public interface ICaseReadCache
{
    /// <summary>The longest an entry is served: how stale a count may be after another process changed a case.</summary>
    static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    ValueTask<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;

namespace CaseManager.Infrastructure.Results;

/// <summary>
/// The row ids of a (table, filter, where, sort) in order, built once (concurrent askers wait for the same build) and
/// kept while they fit a byte budget, least recently used first out. A sorted or filtered page is then a slice of the
/// list plus a primary-key lookup of its rows, whatever the page number; the list's length is the filtered total.
/// </summary>
internal sealed class RowIdCache(long budgetBytes)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();
    private long _bytes;
    private long _clock;

    public long Bytes => Interlocked.Read(ref _bytes);

    public async Task<int[]> GetAsync(string key, Func<int[]> build, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static (_, b) => new Entry(b), build);
        entry.Used = Interlocked.Increment(ref _clock);
        int[] ids;
        try
        {
            // The build belongs to every asker: one request's cancellation only stops its own wait.
            ids = await entry.Ids.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Ids.Value.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }

        if (entry.Account())
        {
            Interlocked.Add(ref _bytes, entry.Size);
            Trim();
        }

        return ids;
    }

    /// <summary>Drops every list of a file (its run was replaced or deleted).</summary>
    public void Forget(string prefix)
    {
        foreach (var key in _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            Remove(key);
        }
    }

    private void Trim()
    {
        if (Interlocked.Read(ref _bytes) <= budgetBytes)
        {
            return;
        }

        lock (_trimming)
        {
            foreach (var (key, _) in _entries.Where(e => e.Value.Accounted).OrderBy(e => e.Value.Used).ToList())
            {
                if (Interlocked.Read(ref _bytes) <= budgetBytes)
                {
                    break;
                }

                Remove(key);
            }
        }
    }

    private void Remove(string key)
    {
        if (_entries.TryRemove(key, out var removed) && removed.Accounted)
        {
            Interlocked.Add(ref _bytes, -removed.Size);
        }
    }

    private sealed class Entry(Func<int[]> build)
    {
        private int _accounted;

        public Lazy<Task<int[]>> Ids { get; } = new(() => Task.Run(build), LazyThreadSafetyMode.ExecutionAndPublication);

        public long Used { get; set; }

        public bool Accounted => Volatile.Read(ref _accounted) != 0;

        public long Size => Ids.Value.IsCompletedSuccessfully ? (Ids.Value.Result.Length * 4L) + 64 : 0;

        /// <summary>True for the one caller that first counts the finished list against the budget.</summary>
        public bool Account() => Interlocked.Exchange(ref _accounted, 1) == 0;
    }
}

using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Identity;

/// <summary>
/// Failed sign-ins counted per client address and account name, whether or not the account exists. After
/// <see cref="SignInLimitsOptions.LockoutSettings.MaxFailures"/> failures that address is refused for that account for
/// <see cref="SignInLimitsOptions.LockoutSettings.Minutes"/>; the account's owner, signing in from anywhere else, is not
/// (ADR-004). Kept in memory: with several web processes each counts on its own.
/// </summary>
public sealed class SignInFailures(IOptions<SignInLimitsOptions> options, TimeProvider clock) : IDisposable
{
    /// <summary>Its own bounded cache: spraying addresses and names cannot grow it without limit.</summary>
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly SignInLimitsOptions.LockoutSettings _settings = options.Value.Lockout;

    public bool IsLockedOut(string address, string account) =>
        _cache.TryGetValue(Key(address, account), out Counter? counter) && counter!.LockedUntil is { } until && until > clock.GetUtcNow();

    public void RecordFailure(string address, string account)
    {
        var window = TimeSpan.FromMinutes(_settings.Minutes);
        var counter = _cache.GetOrCreate(Key(address, account), entry =>
        {
            entry.SlidingExpiration = window;
            entry.Size = 1;
            return new Counter();
        })!;
        lock (counter)
        {
            counter.Failures++;
            if (counter.Failures >= _settings.MaxFailures)
            {
                counter.LockedUntil = clock.GetUtcNow() + window;
                counter.Failures = 0;
            }
        }
    }

    public void Reset(string address, string account) => _cache.Remove(Key(address, account));

    public void Dispose() => _cache.Dispose();

    private static string Key(string address, string account) => $"sign-in-failures|{address}|{account.Trim().ToUpperInvariant()}";

    private sealed class Counter
    {
        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}

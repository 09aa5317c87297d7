using Microsoft.Extensions.Configuration;

namespace CaseManager.Infrastructure;

/// <summary>
/// What this process does, from configuration key <c>ProcessRoles</c> (env <c>ProcessRoles</c>):
/// <c>web</c> serves pages, <c>worker</c> runs background jobs; the default <c>web,worker</c> does both.
/// Several worker processes can share one PostgreSQL job store.
/// </summary>
public sealed record ProcessRoles(bool Web, bool Worker)
{
    public const string ConfigurationKey = "ProcessRoles";

    public static ProcessRoles From(IConfiguration configuration)
    {
        var text = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ProcessRoles(true, true);
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant())
            .ToList();
        var unknown = parts.Except(["web", "worker"]).ToList();
        if (unknown.Count > 0 || parts.Count == 0)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must be 'web', 'worker' or 'web,worker'; got '{text}'.");
        }

        return new ProcessRoles(parts.Contains("web"), parts.Contains("worker"));
    }
}

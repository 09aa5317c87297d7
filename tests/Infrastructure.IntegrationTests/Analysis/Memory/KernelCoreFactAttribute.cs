namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// A fact that needs the kernel to write a core file into the crashing process's directory: core_pattern a plain
/// name (<c>core</c>), not a pipe to apport/systemd-coredump or an absolute path. Skipped with the reason otherwise.
/// </summary>
public sealed class KernelCoreFactAttribute : FactAttribute
{
    public KernelCoreFactAttribute()
    {
        if ((DumpTools.MissingReason ?? MissingReason) is { } reason)
        {
            Skip = reason;
        }
    }

    public static string? MissingReason { get; } = Missing();

    private static string? Missing()
    {
        try
        {
            var pattern = File.ReadAllText("/proc/sys/kernel/core_pattern").Trim();
            return pattern.Length == 0 || pattern.StartsWith('|') || pattern.Contains('/', StringComparison.Ordinal)
                ? $"kernel core_pattern is '{pattern}': cores do not land in the process's directory"
                : null;
        }
        catch (IOException ex)
        {
            return "cannot read /proc/sys/kernel/core_pattern: " + ex.Message;
        }
    }
}

namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>Hangfire queue names, most urgent first (workers take queues in this order).</summary>
public static class JobQueues
{
    public const string Analysis = "analysis";
    public const string Reports = "reports";
    public const string Default = "default";

    public static string[] All { get; } = [Analysis, Reports, Default];
}

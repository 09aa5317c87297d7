namespace CaseManager.Infrastructure.BackgroundJobs;

/// <summary>Scoped per background job: while set, the current user is "system" and no tenant filter applies.</summary>
public sealed class JobContext
{
    public bool IsSystem { get; private set; }

    public void RunAsSystem() => IsSystem = true;
}

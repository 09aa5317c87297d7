namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>A fact that is skipped, with the reason, only when gcc/gdb/gcore/strings are absent.</summary>
public sealed class DumpFactAttribute : FactAttribute
{
    public DumpFactAttribute()
    {
        if (DumpTools.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

namespace CaseManager.Infrastructure.Data;

/// <summary>The last case number handed out in a year; incremented atomically by <see cref="CaseNumberGenerator"/>.</summary>
internal sealed class CaseNumberSequence
{
    public int Year { get; set; }

    public int LastValue { get; set; }
}

namespace CaseManager.Domain.Intake;

/// <summary>One save of the intake form: the full content at that moment, who saved it and when.</summary>
public sealed class IntakeVersion
{
    private IntakeVersion()
    {
    }

    internal IntakeVersion(int number, IntakeStatus status, IntakeData data, IntakeInternal @internal, string savedBy, bool savedByClient, DateTimeOffset savedAt)
    {
        Number = number;
        Status = status;
        Data = data;
        Internal = @internal;
        SavedBy = savedBy;
        SavedByClient = savedByClient;
        SavedAt = savedAt;
    }

    public int Id { get; private set; }

    public int Number { get; private set; }

    public IntakeStatus Status { get; private set; }

    public IntakeData Data { get; private set; } = IntakeData.Empty;

    public IntakeInternal Internal { get; private set; } = IntakeInternal.Empty;

    public string SavedBy { get; private set; } = string.Empty;

    public bool SavedByClient { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }
}

namespace CaseManager.Application.Timeline;

/// <summary>The lane a timeline item is drawn in and filtered by.</summary>
public enum TimelineLane
{
    Intake = 0,
    Case = 1,
    Evidence = 2,
    Analysis = 3,
    Manual = 4,
    Note = 5,
    Remediation = 6,
    Report = 7,
}

/// <summary>What a timeline item is; its label comes from the resources as <c>TimelineKind.{name}</c>.</summary>
public enum TimelineItemKind
{
    FirstNoticed,
    LastKnownGood,
    ClientActed,
    IntakeSubmitted,
    CaseOpened,
    Detected,
    Reported,
    Engaged,
    PhaseChanged,
    CaseClosed,
    EvidenceReceived,
    EvidenceAnalysed,
    FirstTraffic,
    LastTraffic,
    SampleCompiled,
    ProcessStarted,
    TriageCollected,
    ManualEvent,
    NoteWritten,
    Classified,
    RemediationDone,
    RemediationVerified,
    RemediationWontDo,
    ReportPublished,
    ReportRetracted,
}

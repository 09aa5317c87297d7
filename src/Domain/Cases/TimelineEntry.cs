using CaseManager.Domain.Evidence;

namespace CaseManager.Domain.Cases;

public enum TimelineEntryKind
{
    FirstTraffic = 0,
    LastTraffic = 1,

    /// <summary>The link time in a PE sample's header (attackers can forge it; it is a lead, not proof).</summary>
    SampleCompiled = 2,

    /// <summary>When a host triage bundle was collected (the collector's clock).</summary>
    TriageCollected = 3,

    /// <summary>The start of a process a triage rule flagged (the host's clock, from /proc or the process list).</summary>
    ProcessStarted = 4,

    /// <summary>A consultant confirmed or changed the case's classification (no evidence behind it).</summary>
    Classified = 5,

    /// <summary>A remediation item was marked done (Subject: the item's target key; Detail: the reason or note).</summary>
    RemediationDone = 6,

    /// <summary>A remediation item was verified, by a consultant or by re-collection.</summary>
    RemediationVerified = 7,

    /// <summary>A remediation item was set to won't do (Detail: the reason).</summary>
    RemediationWontDo = 8,

    /// <summary>A client report version was published (Subject: "v{version} ({language})"; By: the reviewer).</summary>
    ReportPublished = 9,

    /// <summary>A published client report version was retracted (Detail: the reason).</summary>
    ReportRetracted = 10,
}

/// <summary>
/// A dated event of the incident, derived from evidence (e.g. the first and last packet of a capture).
/// The time is kept as nanoseconds since the Unix epoch, the precision captures have, in every database.
/// </summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    public TimelineEntry(CaseId caseId, EvidenceId evidenceId, TimelineEntryKind kind, long unixNanoseconds, string subject, string? host = null, string? detail = null)
    {
        Host = host is { Length: > HostMaxLength } ? host[..HostMaxLength] : host;
        Detail = detail is { Length: > DetailMaxLength } ? detail[..DetailMaxLength] : detail;
        CaseId = caseId;
        EvidenceId = evidenceId;
        Kind = kind;
        UnixNanoseconds = unixNanoseconds;
        Subject = subject;
    }

    /// <summary>An entry about the case itself rather than one evidence item (e.g. its classification).</summary>
    public static TimelineEntry ForCase(CaseId caseId, TimelineEntryKind kind, DateTimeOffset at, string subject) => new()
    {
        CaseId = caseId,
        Kind = kind,
        UnixNanoseconds = (at - DateTimeOffset.UnixEpoch).Ticks * 100,
        Subject = subject,
    };

    /// <summary>An entry about something a person did on the case (e.g. a remediation item done), with who and a detail.</summary>
    public static TimelineEntry ByPerson(CaseId caseId, TimelineEntryKind kind, DateTimeOffset at, string subject, string by, string? host, string? detail)
    {
        var entry = ForCase(caseId, kind, at, subject);
        entry.By = by.Length > ByMaxLength ? by[..ByMaxLength] : by;
        entry.Host = host is { Length: > HostMaxLength } ? host[..HostMaxLength] : host;
        entry.Detail = detail is { Length: > DetailMaxLength } ? detail[..(DetailMaxLength - 1)] + "…" : detail;
        return entry;
    }

    public const int HostMaxLength = 255;
    public const int DetailMaxLength = 500;
    public const int ByMaxLength = 256;

    public long Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public EvidenceId? EvidenceId { get; private set; }

    public TimelineEntryKind Kind { get; private set; }

    public long UnixNanoseconds { get; private set; }

    /// <summary>The time, to the 100 ns a <see cref="DateTimeOffset"/> holds.</summary>
    public DateTimeOffset At => DateTimeOffset.UnixEpoch.AddTicks(UnixNanoseconds / 100);

    /// <summary>What the entry is about, e.g. the capture's file name.</summary>
    public string Subject { get; private set; } = string.Empty;

    /// <summary>The host the event happened on, when the evidence says (a triage bundle's hostname).</summary>
    public string? Host { get; private set; }

    /// <summary>More about the event, e.g. the process name and id of a process start.</summary>
    public string? Detail { get; private set; }

    /// <summary>Who did it, for entries about a person's action (null for entries derived from evidence).</summary>
    public string? By { get; private set; }
}

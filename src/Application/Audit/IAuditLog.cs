namespace CaseManager.Application.Audit;

/// <summary>
/// The append-only, hash-chained audit log. Any feature records what it must be able to prove later:
/// <code>
/// await audit.RecordAsync(AuditEventTypes.Exported, $"case:{caseId}", "IOC export, 42 indicators, CSV", cancellationToken);
/// </code>
/// The actor (the signed-in user, "system" in a job), the actor's id and the client's IP address are filled in from
/// the current request unless the <see cref="AuditEvent"/> names them. Call it after your own SaveChanges (the entry is
/// written at once, in its own unit of work; inside an open transaction it joins that transaction). Event types are
/// the constants in <c>CaseManager.Domain.Audit.AuditEventTypes</c> or a new dotted name ("area.verb", ≤ 64 chars).
/// Targets read "kind:id" ("case:…", "evidence:…", "user:…", "apikey:…", "report:…").
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    Task RecordAsync(string eventType, string? target, string? details = null, CancellationToken cancellationToken = default) =>
        RecordAsync(new AuditEvent(eventType, target, details), cancellationToken);
}

/// <summary>One event to record. <see cref="Actor"/>, <see cref="ActorId"/> and <see cref="IpAddress"/> default to the current request's.</summary>
public sealed record AuditEvent(string EventType, string? Target, string? Details = null)
{
    /// <summary>Who acted, when it is not the current user (e.g. the name typed at a failed sign-in).</summary>
    public string? Actor { get; init; }

    public string? ActorId { get; init; }

    public string? IpAddress { get; init; }
}

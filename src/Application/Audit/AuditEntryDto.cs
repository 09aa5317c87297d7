using CaseManager.Domain.Audit;

namespace CaseManager.Application.Audit;

public sealed record AuditEntryDto(long Sequence, DateTimeOffset At, string Actor, string EventType, string Target, string Details, string IpAddress, string Hash)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.Sequence, e.At, e.Actor, e.EventType, e.Target, e.Details, e.IpAddress, e.Hash);
}

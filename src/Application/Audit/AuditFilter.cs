using CaseManager.Domain.Audit;

namespace CaseManager.Application.Audit;

/// <summary>Filters of the admin page and the CSV export. Dates are UTC days, both inclusive.</summary>
public sealed record AuditFilter(string? Actor = null, string? EventType = null, DateOnly? From = null, DateOnly? To = null, string? Text = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> rows)
    {
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var actor = Actor.Trim().ToLower();
            rows = rows.Where(e => e.Actor.ToLower().Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(EventType))
        {
            var type = EventType.Trim();
            rows = rows.Where(e => e.EventType == type);
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(e => e.At >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(e => e.At < end);
        }

        if (!string.IsNullOrWhiteSpace(Text))
        {
            var text = Text.Trim().ToLower();
            rows = rows.Where(e => e.Target.ToLower().Contains(text) || e.Details.ToLower().Contains(text)
                || e.Actor.ToLower().Contains(text) || e.IpAddress.Contains(text));
        }

        return rows;
    }

    public override string ToString() =>
        string.Join(", ", new[]
        {
            Actor is { Length: > 0 } ? $"actor={Actor}" : null,
            EventType is { Length: > 0 } ? $"type={EventType}" : null,
            From is { } f ? $"from={f:yyyy-MM-dd}" : null,
            To is { } t ? $"to={t:yyyy-MM-dd}" : null,
            Text is { Length: > 0 } ? $"text={Text}" : null,
        }.Where(p => p is not null));
}

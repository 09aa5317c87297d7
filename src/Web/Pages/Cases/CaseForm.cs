using CaseManager.Domain.Cases;

namespace CaseManager.Web.Pages.Cases;

/// <summary>Fields of the create and edit case forms. Dates are UTC.</summary>
public sealed class CaseForm
{
    public Guid? ClientId { get; set; }

    public string Title { get; set; } = string.Empty;

    public string? Description { get; set; }

    public Severity Severity { get; set; } = Severity.Medium;

    public TrafficLightProtocol Tlp { get; set; } = TrafficLightProtocol.Amber;

    public DateTime? DetectedAt { get; set; }

    public DateTime? ReportedAt { get; set; }

    public DateTime? EngagedAt { get; set; }
}

using CaseManager.Domain.Intake;

namespace CaseManager.Web.Pages.Shared.Intake;

/// <summary>
/// The intake form as the browser posts it (field names <c>Input.Data.…</c>, matching the command's
/// validation keys <c>Data.…</c>). Mapped to and from the immutable <see cref="IntakeData"/>.
/// </summary>
public sealed class IntakeFormModel
{
    public DataModel Data { get; set; } = new();

    public string? InternalNotes { get; set; }

    public string? FirstAssessment { get; set; }

    public static IntakeFormModel From(IntakeData data, IntakeInternal? @internal)
    {
        var observed = (data.Symptoms.Observed ?? []).ToDictionary(s => s.Kind);
        var model = new IntakeFormModel
        {
            InternalNotes = @internal?.InternalNotes,
            FirstAssessment = @internal?.FirstAssessment,
            Data = new DataModel
            {
                Reporter = data.Reporter,
                Engagement = data.Engagement,
                Hosts = data.Hosts.Select(h => new HostRow
                {
                    Id = h.Id,
                    Hostname = h.Hostname,
                    IpAddresses = string.Join(", ", h.IpAddresses ?? []),
                    OperatingSystem = h.OperatingSystem,
                    Role = h.Role,
                    ExposedServices = h.ExposedServices,
                    SecuritySoftware = h.SecuritySoftware,
                    State = h.State,
                    Importance = h.Importance,
                }).ToList(),
                Symptoms = new SymptomsModel
                {
                    Rows = Enum.GetValues<SymptomKind>()
                        .Select(k => new SymptomRow { Kind = k, Checked = observed.ContainsKey(k), Details = observed.GetValueOrDefault(k)?.Details })
                        .ToList(),
                    AlertProduct = data.Symptoms.AlertProduct,
                    AlertText = data.Symptoms.AlertText,
                },
                Timeline = data.Timeline,
                Actions = new ActionsModel { Kinds = [.. data.Actions.Kinds ?? []], Details = data.Actions.Details },
                Evidence = data.Evidence.Select(e => new EvidenceRow { Type = e.Type, Location = e.Location, HeldBy = e.HeldBy }).ToList(),
                Ransomware = data.Ransomware,
                Mining = data.Mining,
            },
        };
        model.EnsureBlankRows();
        return model;
    }

    public IntakeData ToData() => new()
    {
        Reporter = Data.Reporter ?? new Reporter(),
        Engagement = Data.Engagement ?? new Engagement(),
        Hosts = Data.Hosts.Where(h => !h.IsBlank).Select(h => new AffectedHost(
            h.Id ?? Guid.Empty,
            Clean(h.Hostname),
            (h.IpAddresses ?? string.Empty).Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Clean(h.OperatingSystem),
            Clean(h.Role),
            Clean(h.ExposedServices),
            Clean(h.SecuritySoftware),
            h.State,
            h.Importance)).ToList(),
        Symptoms = new Symptoms(
            Data.Symptoms.Rows.Where(r => r.Checked).Select(r => new SymptomEntry(r.Kind, Clean(r.Details))).ToList(),
            Clean(Data.Symptoms.AlertProduct),
            Clean(Data.Symptoms.AlertText)),
        Timeline = (Data.Timeline ?? new IntakeTimeline()) with { TimeZone = Clean(Data.Timeline?.TimeZone) },
        Actions = new ActionsTaken(Data.Actions.Kinds.Distinct().ToList(), Clean(Data.Actions.Details)),
        Evidence = Data.Evidence.Where(e => e.Type is not null).Select(e => new EvidenceOnHand(e.Type!.Value, Clean(e.Location), Clean(e.HeldBy))).ToList(),
        Ransomware = Data.Ransomware ?? new RansomwareDetails(),
        Mining = Data.Mining ?? new MiningDetails(),
    };

    public IntakeInternal ToInternal() => new(Clean(InternalNotes), Clean(FirstAssessment));

    /// <summary>
    /// Exactly one empty host and evidence row for the next entry (blank rows a failed post brings back are
    /// dropped first, so they do not pile up), and one row per symptom.
    /// </summary>
    public void EnsureBlankRows()
    {
        Data.Hosts.RemoveAll(h => h.IsBlank);
        Data.Hosts.Add(new HostRow());
        Data.Evidence.RemoveAll(e => e.IsBlank);
        Data.Evidence.Add(new EvidenceRow());

        var present = Data.Symptoms.Rows.Select(r => r.Kind).ToHashSet();
        Data.Symptoms.Rows.AddRange(Enum.GetValues<SymptomKind>().Where(k => !present.Contains(k)).Select(k => new SymptomRow { Kind = k }));
        Data.Symptoms.Rows.Sort((a, b) => a.Kind.CompareTo(b.Kind));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed class DataModel
    {
        public Reporter Reporter { get; set; } = new();

        public Engagement Engagement { get; set; } = new();

        public List<HostRow> Hosts { get; set; } = [];

        public SymptomsModel Symptoms { get; set; } = new();

        public IntakeTimeline Timeline { get; set; } = new();

        public ActionsModel Actions { get; set; } = new();

        public List<EvidenceRow> Evidence { get; set; } = [];

        public RansomwareDetails Ransomware { get; set; } = new();

        public MiningDetails Mining { get; set; } = new();
    }

    public sealed class HostRow
    {
        /// <summary>Empty for a row the browser added (its script clears the hidden id): a new host.</summary>
        public Guid? Id { get; set; }

        public string? Hostname { get; set; }

        public string? IpAddresses { get; set; }

        public string? OperatingSystem { get; set; }

        public string? Role { get; set; }

        public string? ExposedServices { get; set; }

        public string? SecuritySoftware { get; set; }

        public HostState? State { get; set; }

        public Level? Importance { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Hostname) && string.IsNullOrWhiteSpace(IpAddresses) && string.IsNullOrWhiteSpace(OperatingSystem)
                               && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(ExposedServices) && string.IsNullOrWhiteSpace(SecuritySoftware)
                               && State is null && Importance is null;
    }

    public sealed class SymptomsModel
    {
        public List<SymptomRow> Rows { get; set; } = [];

        public string? AlertProduct { get; set; }

        public string? AlertText { get; set; }
    }

    public sealed class SymptomRow
    {
        public SymptomKind Kind { get; set; }

        public bool Checked { get; set; }

        public string? Details { get; set; }
    }

    public sealed class ActionsModel
    {
        public List<ActionKind> Kinds { get; set; } = [];

        public string? Details { get; set; }
    }

    public sealed class EvidenceRow
    {
        public EvidenceType? Type { get; set; }

        public string? Location { get; set; }

        public string? HeldBy { get; set; }

        public bool IsBlank => Type is null && string.IsNullOrWhiteSpace(Location) && string.IsNullOrWhiteSpace(HeldBy);
    }
}

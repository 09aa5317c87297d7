using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Intake;

/// <summary>
/// The information collection form of one case. Starts as a draft that keeps partial input; once
/// submitted it can still be amended. Every save is a version.
/// </summary>
public sealed class IntakeForm : Entity<Guid>, IAggregateRoot, ITenantOwned
{
    private readonly List<IntakeVersion> _versions = [];

    private IntakeForm()
    {
    }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public IntakeStatus Status { get; private set; }

    public IntakeData Data { get; private set; } = IntakeData.Empty;

    public IntakeInternal Internal { get; private set; } = IntakeInternal.Empty;

    public int CurrentVersion { get; private set; }

    /// <summary>
    /// The affected hosts' names and IP addresses in lower case, one per line: what the case list and the search box
    /// match a term against ("contains"), kept with every save so a search never has to read the intake's JSON.
    /// </summary>
    public string HostSearchText { get; private set; } = string.Empty;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public IReadOnlyList<IntakeVersion> Versions => _versions;

    public static IntakeForm StartFor(IncidentCase incident) => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = incident.Id,
        ClientId = incident.ClientId,
        Status = IntakeStatus.Draft,
    };

    /// <summary>
    /// Saves the form. <paramref name="submit"/> turns a draft into a submitted intake; a submitted
    /// intake stays submitted (a save is then an amendment). <paramref name="internal"/> null keeps the
    /// consultant-only fields as they are (a client user's save).
    /// </summary>
    public IntakeVersion Save(IntakeData data, IntakeInternal? @internal, bool submit, string savedBy, bool savedByClient, DateTimeOffset now)
    {
        if (submit && Status == IntakeStatus.Draft)
        {
            Status = IntakeStatus.Submitted;
            SubmittedAt = now;
        }

        Data = WithHostIds(data);
        HostSearchText = SearchTextOf(Data);
        Internal = @internal ?? Internal;
        CurrentVersion++;
        var version = new IntakeVersion(CurrentVersion, Status, Data, Internal, savedBy, savedByClient, now);
        _versions.Add(version);
        return version;
    }

    /// <summary>The hosts' names and addresses, trimmed, lower-case (invariant), without blanks or repeats, one per line.</summary>
    public static string SearchTextOf(IntakeData data) =>
        string.Join('\n', data.Hosts
            .SelectMany(h => (h.IpAddresses ?? []).Prepend(h.Hostname))
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => v!.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal));

    /// <summary>New hosts get an id; hosts already known keep theirs.</summary>
    private static IntakeData WithHostIds(IntakeData data) =>
        data with { Hosts = data.Hosts.Select(h => h.Id == Guid.Empty ? h with { Id = Guid.CreateVersion7() } : h).ToList() };
}

using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;
using CaseManager.Domain.Evidence.Events;

namespace CaseManager.Domain.Evidence;

/// <summary>
/// One entry of a case's evidence register: what was received, its hashes, where it came from, its
/// chain of custody and the state of its analysis. The bytes live in the evidence store under <see cref="Sha256"/>.
/// </summary>
public sealed class EvidenceItem : AuditableEntity<EvidenceId>, IAggregateRoot, ITenantOwned
{
    public const int NameMaxLength = 255;
    public const int NotesMaxLength = 4000;

    private readonly List<CustodyEntry> _custody = [];

    private EvidenceItem()
    {
    }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public string OriginalName { get; private set; } = string.Empty;

    public EvidenceKind DetectedKind { get; private set; }

    public EvidenceKind Kind { get; private set; }

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = string.Empty;

    public string Sha1 { get; private set; } = string.Empty;

    public string Md5 { get; private set; } = string.Empty;

    /// <summary>The affected host (from the intake's host list) the evidence came from.</summary>
    public Guid? HostId { get; private set; }

    public string? AcquiredBy { get; private set; }

    public DateTimeOffset? AcquiredAt { get; private set; }

    public string? Notes { get; private set; }

    public AnalysisStatus AnalysisStatus { get; private set; }

    public int AnalysisProgress { get; private set; }

    /// <summary>Why a run failed, or its warnings, one per line (coded warnings as JSON).</summary>
    public string? AnalysisMessage { get; private set; }

    public const int MessageMaxLength = 8000;

    /// <summary>Bumped by every analysis run; results of an older run are replaced, never added to.</summary>
    public int AnalysisRun { get; private set; }

    /// <summary>The analyser's stable name (<c>traffic</c>, <c>memory</c> …), the key the views find it by.</summary>
    public string? Analyser { get; private set; }

    public string? AnalyserVersion { get; private set; }

    public DateTimeOffset? AnalysedAt { get; private set; }

    public IReadOnlyList<CustodyEntry> Custody => _custody;

    public static EvidenceItem Register(
        IncidentCase incident,
        string originalName,
        EvidenceKind detectedKind,
        long size,
        string sha256,
        string sha1,
        string md5,
        string receivedBy,
        string receivedFrom,
        DateTimeOffset now)
    {
        var item = new EvidenceItem
        {
            Id = EvidenceId.New(),
            CaseId = incident.Id,
            ClientId = incident.ClientId,
            OriginalName = originalName,
            DetectedKind = detectedKind,
            Kind = detectedKind,
            Size = size,
            Sha256 = sha256,
            Sha1 = sha1,
            Md5 = md5,
            AnalysisStatus = AnalysisStatus.Queued,
        };
        item.Append(CustodyAction.Received, receivedBy, now, $"from {receivedFrom}; {size} bytes; sha256 {sha256}; sha1 {sha1}; md5 {md5}");
        item.Raise(new EvidenceAnalysisRequested(item.Id));
        return item;
    }

    public void Describe(Guid? hostId, string? acquiredBy, DateTimeOffset? acquiredAt, string? notes)
    {
        HostId = hostId;
        AcquiredBy = string.IsNullOrWhiteSpace(acquiredBy) ? null : acquiredBy.Trim();
        AcquiredAt = acquiredAt;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    /// <summary>A consultant corrects the detected kind; the item is analysed again with the matching analyser.</summary>
    public void OverrideKind(EvidenceKind kind, string by, DateTimeOffset now)
    {
        if (kind == Kind)
        {
            return;
        }

        Append(CustodyAction.KindChanged, by, now, $"{Kind} -> {kind}");
        Kind = kind;
        RequestAnalysis();
    }

    /// <summary>Queues a new analysis (a retry, or after a kind change).</summary>
    public void RequestAnalysis()
    {
        if (AnalysisStatus == AnalysisStatus.Running)
        {
            throw new DomainException("The analysis is running; wait for it to finish before retrying.");
        }

        AnalysisStatus = AnalysisStatus.Queued;
        AnalysisProgress = 0;
        AnalysisMessage = null;
        Raise(new EvidenceAnalysisRequested(Id));
    }

    /// <summary>Starts a run; returns its number. A run that was interrupted (crashed worker) is simply started again.</summary>
    public int StartAnalysis(string analyser, string? version = null)
    {
        AnalysisRun++;
        AnalysisStatus = AnalysisStatus.Running;
        AnalysisProgress = 0;
        AnalysisMessage = null;
        Analyser = analyser;
        AnalyserVersion = version;
        return AnalysisRun;
    }

    public void ReportProgress(int percent) => AnalysisProgress = Math.Clamp(percent, 0, 100);

    public void CompleteAnalysis(IReadOnlyCollection<string> warnings, string actor, DateTimeOffset now)
    {
        AnalysisStatus = warnings.Count == 0 ? AnalysisStatus.Succeeded : AnalysisStatus.SucceededWithWarnings;
        AnalysisProgress = 100;
        var message = warnings.Count == 0 ? null : string.Join('\n', warnings.Take(20));
        AnalysisMessage = message is { Length: > MessageMaxLength } ? message[..MessageMaxLength] : message;
        AnalysedAt = now;
        Append(CustodyAction.Analysed, actor, now, $"run {AnalysisRun} by {Analyser} {AnalyserVersion}; {warnings.Count} warnings");
    }

    public void NoAnalyserFor(DateTimeOffset now)
    {
        AnalysisStatus = AnalysisStatus.NoAnalyser;
        AnalysisProgress = 100;
        AnalysisMessage = $"No analyser for {Kind} evidence.";
        AnalysedAt = now;
    }

    public void FailAnalysis(string reason, string actor, DateTimeOffset now)
    {
        AnalysisStatus = AnalysisStatus.Failed;
        AnalysisMessage = reason.Length > MessageMaxLength ? reason[..MessageMaxLength] : reason;
        AnalysedAt = now;
        Append(CustodyAction.AnalysisFailed, actor, now, $"run {AnalysisRun}: {AnalysisMessage}");
    }

    public void RecordDownload(string by, string reason, DateTimeOffset now) =>
        Append(CustodyAction.Downloaded, by, now, reason);

    private void Append(CustodyAction action, string actor, DateTimeOffset at, string details)
    {
        var previous = _custody.Count == 0 ? CustodyEntry.GenesisHash : _custody.MaxBy(e => e.Sequence)!.Hash;
        _custody.Add(new CustodyEntry(_custody.Count + 1, action, actor, at, details, previous));
    }
}

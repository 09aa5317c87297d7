using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Reports;

/// <summary>
/// One version of a case's client report (1, 2, 3 … per case) and its review. A draft's files can be regenerated and its
/// narrative edited at any time; once submitted for review its files are frozen, and approval (by someone other than
/// the author and the submitter) publishes exactly the reviewed bytes. A published version never changes: it can only be
/// retracted (with a reason), which hides it from the client and keeps it in the staff's history.
/// </summary>
public sealed class CaseReport : Entity<ReportId>, IAggregateRoot, ITenantOwned
{
    public const int NarrativeMaxLength = 50_000;
    public const int LanguageMaxLength = 10;
    public const int NameMaxLength = 256;

    /// <summary>Why the author or submitter cannot return their own version (the message is also a resource key).</summary>
    public const string OwnVersionReturnRefused = "You wrote or submitted this version: another consultant must review it and return it if it needs changes.";

    private readonly List<ReportHistoryEntry> _history = [];

    private CaseReport()
    {
    }

    public CaseId CaseId { get; private set; }

    public ClientId ClientId { get; private set; }

    public int Version { get; private set; }

    /// <summary>"en" or "zh-CN".</summary>
    public string Language { get; private set; } = string.Empty;

    public string? ExecutiveSummary { get; private set; }

    public string? Recommendations { get; private set; }

    public ReportState State { get; private set; }

    public string AuthorId { get; private set; } = string.Empty;

    public string AuthorName { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public ReportFiles Files { get; private set; } = null!;

    public string? SubmittedById { get; private set; }

    public string? SubmittedByName { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? ReviewerId { get; private set; }

    public string? ReviewerName { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? RetractedByName { get; private set; }

    public DateTimeOffset? RetractedAt { get; private set; }

    public string? RetractionReason { get; private set; }

    public IReadOnlyList<ReportHistoryEntry> History => _history;

    /// <summary>A client may see it (and its files): published and not retracted.</summary>
    public bool VisibleToClient => State == ReportState.Published;

    /// <summary>Its files may still be replaced (draft, or returned by the reviewer).</summary>
    public bool Editable => State is ReportState.Draft or ReportState.Returned;

    /// <summary>A new draft, version <paramref name="version"/> of the case's report, with the files generated for it.</summary>
    public static CaseReport Draft(
        IncidentCase incident, int version, string language, string? executiveSummary, string? recommendations, ReportFiles files, string authorId, string authorName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (version < 1)
        {
            throw new DomainException("Report versions start at 1.");
        }

        if (string.IsNullOrWhiteSpace(authorId))
        {
            throw new DomainException("A report needs its author.");
        }

        var report = new CaseReport
        {
            Id = ReportId.New(),
            CaseId = incident.Id,
            ClientId = incident.ClientId,
            Version = version,
            State = ReportState.Draft,
            AuthorId = authorId,
            AuthorName = Name(authorName, authorId),
            CreatedAt = now,
        };
        report.SetLanguage(language);
        report.SetNarrative(executiveSummary, recommendations);
        report.SetFiles(files);
        report._history.Add(ReportHistoryEntry.Of(ReportAction.Generated, authorId, report.AuthorName, now));
        return report;
    }

    /// <summary>Replaces the files of a draft (or a returned version, which becomes a draft again).</summary>
    public void Regenerate(string language, ReportFiles files, string userId, string userName, DateTimeOffset now)
    {
        EnsureEditable();
        SetLanguage(language);
        SetFiles(files);
        State = ReportState.Draft;
        _history.Add(ReportHistoryEntry.Of(ReportAction.Regenerated, userId, Name(userName, userId), now));
    }

    /// <summary>New narrative sections and the files generated from them, for a draft (or a returned version).</summary>
    public void EditNarrative(string? executiveSummary, string? recommendations, ReportFiles files, string userId, string userName, DateTimeOffset now)
    {
        EnsureEditable();
        SetNarrative(executiveSummary, recommendations);
        SetFiles(files);
        State = ReportState.Draft;
        _history.Add(ReportHistoryEntry.Of(ReportAction.NarrativeEdited, userId, Name(userName, userId), now));
    }

    /// <summary>Freezes the files and asks for a review.</summary>
    public void SubmitForReview(string userId, string userName, DateTimeOffset now)
    {
        if (!Editable)
        {
            throw new DomainException($"Version {Version} is {Describe(State)}: only a draft can be submitted for review.");
        }

        State = ReportState.InReview;
        SubmittedById = userId;
        SubmittedByName = Name(userName, userId);
        SubmittedAt = now;
        _history.Add(ReportHistoryEntry.Of(ReportAction.Submitted, userId, SubmittedByName, now));
    }

    /// <summary>True when <paramref name="userId"/> wrote or submitted this version, and so may not approve it.</summary>
    public bool IsAuthoredBy(string? userId) =>
        userId is not null && (string.Equals(userId, AuthorId, StringComparison.Ordinal) || string.Equals(userId, SubmittedById, StringComparison.Ordinal));

    /// <summary>Publishes the reviewed files as they are. The reviewer must be someone other than the author and the submitter.</summary>
    public void Approve(string reviewerId, string reviewerName, DateTimeOffset now)
    {
        if (State != ReportState.InReview)
        {
            throw new DomainException($"Version {Version} is {Describe(State)}: only a version in review can be approved.");
        }

        if (string.IsNullOrWhiteSpace(reviewerId) || IsAuthoredBy(reviewerId))
        {
            throw new DomainException("You wrote or submitted this version: another consultant must review and approve it.");
        }

        State = ReportState.Published;
        ReviewerId = reviewerId;
        ReviewerName = Name(reviewerName, reviewerId);
        PublishedAt = now;
        _history.Add(ReportHistoryEntry.Of(ReportAction.Published, reviewerId, ReviewerName, now));
    }

    /// <summary>
    /// Sends a version in review back to its author with the reviewer's comments. Returning is a review decision, like
    /// approving: the author and the submitter cannot return their own version (that would be a silent withdrawal that
    /// skips the review), so another consultant must.
    /// </summary>
    public void Return(string reviewerId, string reviewerName, string comments, DateTimeOffset now)
    {
        if (State != ReportState.InReview)
        {
            throw new DomainException($"Version {Version} is {Describe(State)}: only a version in review can be returned.");
        }

        if (string.IsNullOrWhiteSpace(reviewerId) || IsAuthoredBy(reviewerId))
        {
            throw new DomainException(OwnVersionReturnRefused);
        }

        var text = Required(comments, "Say what needs to change: the comments are required.");
        State = ReportState.Returned;
        _history.Add(ReportHistoryEntry.Of(ReportAction.Returned, reviewerId, Name(reviewerName, reviewerId), now, text));
    }

    /// <summary>Withdraws a published version from the client; it stays in the history with the reason.</summary>
    public void Retract(string userId, string userName, string reason, DateTimeOffset now)
    {
        if (State != ReportState.Published)
        {
            throw new DomainException($"Version {Version} is {Describe(State)}: only a published version can be retracted.");
        }

        var text = Required(reason, "Give the reason for retracting this version.");
        State = ReportState.Retracted;
        RetractedByName = Name(userName, userId);
        RetractedAt = now;
        RetractionReason = text;
        _history.Add(ReportHistoryEntry.Of(ReportAction.Retracted, userId, RetractedByName, now, text));
    }

    /// <summary>
    /// The case timeline entry for this version's publication or retraction, once it has happened ("v2 (zh-CN)", by the
    /// reviewer or the person who retracted it, with the reason).
    /// </summary>
    public TimelineEntry TimelineEntryFor(ReportAction action)
    {
        var subject = $"v{Version} ({Language})";
        return action switch
        {
            ReportAction.Published when PublishedAt is { } published =>
                TimelineEntry.ByPerson(CaseId, TimelineEntryKind.ReportPublished, published, subject, ReviewerName ?? ReviewerId ?? string.Empty, null, null),
            ReportAction.Retracted when State == ReportState.Retracted && RetractedAt is { } retracted =>
                TimelineEntry.ByPerson(CaseId, TimelineEntryKind.ReportRetracted, retracted, subject, RetractedByName ?? string.Empty, null, RetractionReason),
            _ => throw new DomainException($"Version {Version} is {Describe(State)}: only its publication and retraction go on the case timeline."),
        };
    }

    /// <summary>The SHA-256 of the file of <paramref name="format"/>.</summary>
    public string Sha256Of(ReportFormat format) => format == ReportFormat.Pdf ? Files.PdfSha256 : Files.HtmlSha256;

    private void EnsureEditable()
    {
        if (!Editable)
        {
            throw new DomainException($"Version {Version} is {Describe(State)}: its files never change. Generate a new draft instead.");
        }
    }

    private void SetLanguage(string language)
    {
        if (language is not ("en" or "zh-CN"))
        {
            throw new DomainException($"Unknown report language '{language}': use en or zh-CN.");
        }

        Language = language;
    }

    private void SetNarrative(string? executiveSummary, string? recommendations)
    {
        ExecutiveSummary = Narrative(executiveSummary);
        Recommendations = Narrative(recommendations);
    }

    private void SetFiles(ReportFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.PdfSha256.Length != ReportFiles.Sha256Length || files.HtmlSha256.Length != ReportFiles.Sha256Length || files.PdfSize <= 0 || files.HtmlSize <= 0)
        {
            throw new DomainException("A report version needs both its stored files.");
        }

        Files = files;
    }

    private static string? Narrative(string? text)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed?.Length > NarrativeMaxLength)
        {
            throw new DomainException("A narrative section is at most 50,000 characters long.");
        }

        return trimmed;
    }

    private static string Required(string? text, string message)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException(message);
        }

        return trimmed.Length > ReportHistoryEntry.TextMaxLength
            ? throw new DomainException("Comments and reasons are at most 4,000 characters long.")
            : trimmed;
    }

    private static string Name(string? name, string id)
    {
        var value = string.IsNullOrWhiteSpace(name) ? id : name.Trim();
        return value.Length > NameMaxLength ? value[..NameMaxLength] : value;
    }

    private static string Describe(ReportState state) => state switch
    {
        ReportState.InReview => "in review",
        _ => state.ToString().ToLowerInvariant(),
    };
}

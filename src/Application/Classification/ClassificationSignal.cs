using CaseManager.Application.Analysis;
using CaseManager.Domain.Classification;

namespace CaseManager.Application.Classification;

public enum SignalSource
{
    Symptom = 0,
    Finding = 1,
    Indicator = 2,
}

/// <summary>
/// One reason behind a type's score: what was seen (a symptom, a finding code, an indicator type), the points it adds,
/// and where it was seen (the evidence item and the result rows behind a finding). <c>Label</c> is the finding's title in
/// the reader's language; for symptoms and indicators it is the code (the page translates it).
/// </summary>
public sealed record ClassificationSignal(
    SignalSource Source,
    string Code,
    string Label,
    int Weight,
    Guid? EvidenceId = null,
    string? EvidenceName = null,
    string? Analyser = null,
    EvidenceReference? Reference = null,
    long? FindingId = null);

/// <summary>A type's score (the sum of its signals' weights) with every signal behind it.</summary>
public sealed record TypeScore(IncidentType Type, string Key, int Score, IReadOnlyList<ClassificationSignal> Rationale);

/// <summary>Every type scored, highest first, and the family the evidence names (e.g. xmrig), if any.</summary>
public sealed record ClassificationSuggestion(IReadOnlyList<TypeScore> Scores, string? Family)
{
    /// <summary>The top-scoring type, or null when no signal points anywhere.</summary>
    public TypeScore? Top => Scores.Count > 0 && Scores[0].Score > 0 ? Scores[0] : null;
}

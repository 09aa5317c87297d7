using CaseManager.Domain.Classification;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Remediation;

/// <summary>One step of a playbook: a stable key, its stage and its text in English and Chinese.</summary>
public sealed record PlaybookStep(string Key, RemediationStage Stage, string En, string Zh)
{
    public const int TextMaxLength = 500;
}

/// <summary>
/// One version of the playbook of an incident type. Versions are never changed: editing a playbook adds a new version
/// (a fork), so a case keeps the steps of the version it was given.
/// </summary>
public sealed class PlaybookTemplate
{
    public const int MaxSteps = 60;

    private PlaybookTemplate()
    {
    }

    public long Id { get; private set; }

    public IncidentType Type { get; private set; }

    public int Version { get; private set; }

    /// <summary>The steps, as JSON (see <see cref="PlaybookStep"/>).</summary>
    public string Steps { get; private set; } = "[]";

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public static PlaybookTemplate Create(IncidentType type, int version, IReadOnlyList<PlaybookStep> steps, Func<IReadOnlyList<PlaybookStep>, string> serialise, string by, DateTimeOffset now)
    {
        if (steps.Count is 0 or > MaxSteps)
        {
            throw new DomainException($"A playbook has 1 to {MaxSteps} steps.");
        }

        foreach (var step in steps)
        {
            if (string.IsNullOrWhiteSpace(step.Key) || string.IsNullOrWhiteSpace(step.En) || string.IsNullOrWhiteSpace(step.Zh))
            {
                throw new DomainException("Every step needs a key, an English text and a Chinese text.");
            }

            if (step.En.Length > PlaybookStep.TextMaxLength || step.Zh.Length > PlaybookStep.TextMaxLength || !Enum.IsDefined(step.Stage))
            {
                throw new DomainException($"A step's text is at most {PlaybookStep.TextMaxLength} characters.");
            }
        }

        if (steps.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count() != steps.Count)
        {
            throw new DomainException("Two steps have the same key.");
        }

        return new PlaybookTemplate { Type = type, Version = version, Steps = serialise(steps), CreatedBy = by, CreatedAt = now };
    }
}

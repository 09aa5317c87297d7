using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>
/// One entry of an analyser's finding catalogue: the code, its usual severity, the ATT&amp;CK technique, the argument
/// names its texts use, and (for <c>docs/findings.md</c>) when it fires. Title and explanation live in the
/// catalogue's resources as <c>{code}.title</c> and <c>{code}.explanation</c>, with <c>{argument}</c> placeholders.
/// </summary>
public sealed record FindingDefinition(
    string Code,
    FindingSeverity Severity,
    string? Attack,
    IReadOnlyList<string> Arguments,
    string FiresWhen);

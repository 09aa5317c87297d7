using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>
/// A conclusion drawn by an analyser, identified by a stable <see cref="Code"/> (e.g. <c>traffic.dns.dynamic-dns</c>).
/// Its title and explanation are rendered from the code's resources in the reader's language, filled with the typed
/// <see cref="Arguments"/>; rules downstream key on the code, never on text. <see cref="Attack"/> is a MITRE ATT&amp;CK
/// technique id where one fits (defaults to the catalogue's).
/// </summary>
public sealed record AnalysisFinding(
    string Code,
    FindingSeverity Severity,
    IReadOnlyList<FindingArgument> Arguments,
    EvidenceReference? Reference = null,
    string? Attack = null)
{
    public FindingArgument? Argument(string name) => Arguments.FirstOrDefault(a => a.Name == name);

    public string? Value(string name) => Argument(name)?.Value;
}

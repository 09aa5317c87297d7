namespace CaseManager.Application.Analysis.Traffic;

/// <summary>A coded warning in the CLI's JSON: the code, its arguments and the English text (also in <c>warnings</c>).</summary>
public sealed record TrafficWarning(string Code, string Text, IReadOnlyList<FindingArgument> Arguments);

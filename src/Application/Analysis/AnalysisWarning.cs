namespace CaseManager.Application.Analysis;

/// <summary>
/// Damage or a limit met while analysing (truncated file, corrupt block …): a coded message rendered from the
/// analyser's resources (<c>warning.{code}</c>) like a finding's text, so it reads in the user's language.
/// </summary>
public sealed record AnalysisWarning(string Code, IReadOnlyList<FindingArgument> Arguments)
{
    public static AnalysisWarning Of(string code, params FindingArgument[] arguments) => new(code, arguments);
}

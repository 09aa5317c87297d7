namespace CaseManager.Application.Analysis.Memory;

/// <summary>A DLL a PE sample imports, with the imported function names (or <c>#ordinal</c>).</summary>
public sealed record PeImport(string Library, IReadOnlyList<string> Functions);

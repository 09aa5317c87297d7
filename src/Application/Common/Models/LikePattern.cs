namespace CaseManager.Application.Common.Models;

/// <summary>
/// "Contains" as a SQL <c>LIKE '%term%'</c> pattern (with <see cref="Escape"/>), the form a PostgreSQL trigram index
/// (pg_trgm) answers without reading every row; SQLite evaluates the same pattern as it did <c>instr</c>.
/// </summary>
public static class LikePattern
{
    /// <summary>The escape character of the patterns built here (for <c>EF.Functions.Like(…, pattern, Escape)</c>).</summary>
    public const string Escape = "\\";

    /// <summary>A pattern matching any text that contains <paramref name="text"/> literally (its % and _ are not wildcards).</summary>
    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

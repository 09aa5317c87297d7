using System.Globalization;
using CaseManager.Application.Analysis;

namespace CaseManager.Application.Evidence.Queries.GetResultTable;

/// <summary>
/// Table and column labels from the analyser catalogue's resources (<c>table.{t}</c>, <c>column.{t}.{c}</c>) in the
/// reader's language; the plain name when the run's analyser is not registered in this process or lacks the key.
/// </summary>
public static class ResultLabels
{
    public static string Table(IFindingCatalogue? catalogue, string table, CultureInfo culture) =>
        Label(catalogue, "table." + table, culture) ?? table;

    public static string Column(IFindingCatalogue? catalogue, string table, string column, CultureInfo culture) =>
        Label(catalogue, $"column.{table}.{column}", culture) ?? column.Replace('_', ' ');

    private static string? Label(IFindingCatalogue? catalogue, string key, CultureInfo culture) =>
        catalogue?.Text.GetString(key, culture);
}

namespace CaseManager.Application.Analysis;

/// <summary>
/// A table an analysis run writes (conversations, dns, mapped_files …): lower-case snake_case names, stable, because
/// finding references and links name them. The table's label is the resource <c>table.{name}</c>.
/// </summary>
public sealed record ResultTableSchema(string Name, IReadOnlyList<ResultColumn> Columns)
{
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == column)
            {
                return i;
            }
        }

        return -1;
    }
}

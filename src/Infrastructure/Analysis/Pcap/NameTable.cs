namespace CaseManager.Infrastructure.Analysis.Pcap;

/// <summary>Interns names decoded into a span, so a name seen many times is one string (bounded).</summary>
internal sealed class NameTable
{
    public const int MaxNames = 200_000;

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameTable() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var text = name.ToString();
        if (_names.Count < MaxNames)
        {
            _names.Add(text);
        }

        return text;
    }
}

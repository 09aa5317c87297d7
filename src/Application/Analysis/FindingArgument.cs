using System.Globalization;

namespace CaseManager.Application.Analysis;

/// <summary>
/// One named, typed value of a finding (e.g. <c>src</c>: Ip <c>10.0.0.5</c>). A list argument holds the first
/// few values and, in <see cref="Total"/>, how many there are in all, so a finding about 441 pool endpoints stays readable.
/// </summary>
public sealed record FindingArgument(string Name, ArgumentType Type, IReadOnlyList<string> Values, long Total)
{
    /// <summary>How many values of a list argument a finding keeps (the rest are in the run's tables).</summary>
    public const int MaxValues = 5;

    public string Value => Values.Count > 0 ? Values[0] : string.Empty;

    public static FindingArgument Of(string name, ArgumentType type, string value) => new(name, type, [value], 1);

    public static FindingArgument Of(string name, ArgumentType type, long value) =>
        new(name, type, [value.ToString(CultureInfo.InvariantCulture)], 1);

    public static FindingArgument Of(string name, ArgumentType type, double value) =>
        new(name, type, [value.ToString("0.##", CultureInfo.InvariantCulture)], 1);

    /// <summary>A list argument: keeps the first <see cref="MaxValues"/> values and counts all of them.</summary>
    public static FindingArgument List(string name, ArgumentType type, IEnumerable<string> values)
    {
        var kept = new List<string>(MaxValues);
        long total = 0;
        foreach (var value in values)
        {
            if (kept.Count < MaxValues)
            {
                kept.Add(value);
            }

            total++;
        }

        return new FindingArgument(name, type, kept, total);
    }
}

using System.Globalization;
using CaseManager.Application.Analysis;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>The coded warnings of one memory analysis (codes in <see cref="MemoryCodes"/>, texts in <c>MemoryText.resx</c>).</summary>
internal sealed class MemoryWarnings : List<AnalysisWarning>
{
    public void Add(string code, params FindingArgument[] arguments) => Add(new AnalysisWarning(code, arguments));

    public static FindingArgument CountOf(string name, long value) => FindingArgument.Of(name, ArgumentType.Count, value);

    public static FindingArgument Offset(string name, long value) => FindingArgument.Of(name, ArgumentType.Offset, value);

    public static FindingArgument Bytes(string name, long value) => FindingArgument.Of(name, ArgumentType.Bytes, value);

    public static FindingArgument Text(string name, string value) => FindingArgument.Of(name, ArgumentType.Text, value);

    public static FindingArgument Number(string name, long value) =>
        new(name, ArgumentType.Number, [value.ToString(CultureInfo.InvariantCulture)], 1);

    public bool Has(string code) => this.Any(w => w.Code == code);
}

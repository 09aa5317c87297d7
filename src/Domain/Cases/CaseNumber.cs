using System.Globalization;
using System.Text.RegularExpressions;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.Cases;

/// <summary>The human case number, <c>IR-YYYY-NNNN</c>: year of opening and a per-year sequence (at least four digits).</summary>
public readonly partial record struct CaseNumber
{
    public const int MaxLength = 20;

    public CaseNumber(string value)
    {
        if (!Pattern().IsMatch(value))
        {
            throw new DomainException($"'{value}' is not a case number of the form IR-YYYY-NNNN.");
        }

        Value = value;
    }

    public string Value { get; }

    public static CaseNumber From(int year, int sequence)
    {
        if (year is < 2000 or > 9999)
        {
            throw new DomainException($"Year {year} is out of range for a case number.");
        }

        if (sequence < 1)
        {
            throw new DomainException("A case number sequence starts at 1.");
        }

        return new CaseNumber(string.Create(CultureInfo.InvariantCulture, $"IR-{year:D4}-{sequence:D4}"));
    }

    public static bool TryParse(string? text, out CaseNumber number)
    {
        if (text is not null && Pattern().IsMatch(text.Trim().ToUpperInvariant()))
        {
            number = new CaseNumber(text.Trim().ToUpperInvariant());
            return true;
        }

        number = default;
        return false;
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^IR-\d{4}-\d{4,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.UnitTests.Cases;

public sealed class CaseNumberTests
{
    [Theory]
    [InlineData(2026, 1, "IR-2026-0001")]
    [InlineData(2026, 42, "IR-2026-0042")]
    [InlineData(2027, 9999, "IR-2027-9999")]
    [InlineData(2027, 12345, "IR-2027-12345")]
    public void From_FormatsYearAndZeroPaddedSequence(int year, int sequence, string expected) =>
        CaseNumber.From(year, sequence).Value.ShouldBe(expected);

    [Theory]
    [InlineData("IR-26-0001")]
    [InlineData("IR-2026-001")]
    [InlineData("ir-2026-0001x")]
    [InlineData("CASE-2026-0001")]
    [InlineData("")]
    public void Constructor_RejectsOtherShapes(string text) => Should.Throw<DomainException>(() => new CaseNumber(text));

    [Theory]
    [InlineData(2026, 0)]
    [InlineData(1999, 1)]
    public void From_RejectsOutOfRange(int year, int sequence) => Should.Throw<DomainException>(() => CaseNumber.From(year, sequence));

    [Fact]
    public void TryParse_IsCaseInsensitiveAndTrims()
    {
        CaseNumber.TryParse(" ir-2026-0007 ", out var number).ShouldBeTrue();
        number.Value.ShouldBe("IR-2026-0007");
        CaseNumber.TryParse("nope", out _).ShouldBeFalse();
    }
}

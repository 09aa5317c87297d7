using System.Globalization;
using System.Resources;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Platform;

public sealed class FindingTextTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void ListArgument_ShowsTheFirstFew_AndCountsTheRest()
    {
        var pools = FindingArgument.List("pools", ArgumentType.Endpoint, Enumerable.Range(1, 441).Select(i => $"pool{i}.example:3333"));

        pools.Values.Count.ShouldBe(FindingArgument.MaxValues);
        pools.Total.ShouldBe(441);
        FindingText.Fill("Miners reach {pools}", [pools], CultureInfo.InvariantCulture)
            .ShouldBe("Miners reach pool1.example:3333, pool2.example:3333, pool3.example:3333, pool4.example:3333, pool5.example:3333 and 436 more");
        FindingText.Render(pools, Chinese).ShouldBe("pool1.example:3333、pool2.example:3333、pool3.example:3333、pool4.example:3333、pool5.example:3333 等（另有 436 项）");
    }

    [Theory]
    [InlineData(ArgumentType.Offset, "4096", "0x1000")]
    [InlineData(ArgumentType.Time, "1454964786195024000", "2016-02-08 20:53:06.195 UTC")]
    [InlineData(ArgumentType.Bytes, "1572864", "1.5 MiB")]
    [InlineData(ArgumentType.Count, "1234567", "1,234,567")]
    [InlineData(ArgumentType.Pid, "11275", "11275")]
    [InlineData(ArgumentType.Domain, "sjb555.3322.org", "sjb555.3322.org")]
    public void TypedArguments_AreRenderedForReaders(ArgumentType type, string value, string shown) =>
        FindingText.Format(type, value, CultureInfo.InvariantCulture).ShouldBe(shown);

    [Fact]
    public void UnknownPlaceholder_IsADash_NeverTemplateText() =>
        FindingText.Fill("{ip} talks to {nothing}", [FindingArgument.Of("ip", ArgumentType.Ip, "10.0.0.5")], CultureInfo.InvariantCulture)
            .ShouldBe("10.0.0.5 talks to —");

    [Fact]
    public void PlatformWarnings_ReadInBothLanguages()
    {
        var warning = AnalysisWarning.Of(
            "platform.indicators-capped",
            FindingArgument.Of("kept", ArgumentType.Count, 5000),
            FindingArgument.Of("total", ArgumentType.Count, 12000));

        FindingText.Warning(warning, PlatformCatalogue.Instance, CultureInfo.InvariantCulture).ShouldStartWith("Only the 5,000 most relevant of 12,000 indicators");
        FindingText.Warning(warning, PlatformCatalogue.Instance, Chinese).ShouldContain("12,000 个指标");
    }

    [Fact]
    public void StoredFindings_RoundTripThroughJson()
    {
        var finding = new AnalysisFinding(
            "traffic.dns.dynamic-dns",
            FindingSeverity.High,
            [FindingArgument.Of("domain", ArgumentType.Domain, "sjb555.3322.org"), FindingArgument.List("src", ArgumentType.Ip, ["10.0.0.5", "10.0.0.6"])],
            new EvidenceReference(Table: "dns", Filter: "sjb555.3322.org", FirstFrame: 12, LastFrame: 40));

        var arguments = FindingJson.Arguments(FindingJson.Arguments(finding.Arguments));
        var reference = FindingJson.Reference(FindingJson.Reference(finding.Reference));

        arguments.Select(a => (a.Name, a.Type, string.Join(",", a.Values), a.Total)).ShouldBe(
            [("domain", ArgumentType.Domain, "sjb555.3322.org", 1L), ("src", ArgumentType.Ip, "10.0.0.5,10.0.0.6", 2L)]);
        reference.ShouldBe(finding.Reference);
        FindingJson.Warning("a plain line written before warnings were coded").ShouldBeNull();
    }

    [Fact]
    public void MissingText_FallsBackToTheCode()
    {
        var catalogue = new EmptyCatalogue();
        var finding = new AnalysisFinding("test.nothing.here", FindingSeverity.Low, []);

        FindingText.Title(finding, catalogue, CultureInfo.InvariantCulture).ShouldBe("test.nothing.here");
    }

    private sealed class EmptyCatalogue : IFindingCatalogue
    {
        public IReadOnlyList<FindingDefinition> Findings => [];

        public IReadOnlyList<string> Warnings => [];

        public ResourceManager Text { get; } = new("CaseManager.Nowhere", typeof(EmptyCatalogue).Assembly);
    }
}

using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

/// <summary>
/// A process renamed only with prctl(PR_SET_NAME): the kernel calls it <c>[kworker/3:1H]</c>, but a gcore core records
/// the cmdline's basename. The disguise is found in its memory, with offsets, and the process facts show both names.
/// The same helper aborted makes the kernel write the core: there NT_PRPSINFO holds comm, the disguise itself.
/// </summary>
public sealed class KernelThreadDisguiseTests(PrctlHelperFixture helper) : IClassFixture<PrctlHelperFixture>
{
    [DumpFact]
    public async Task PrctlRenamedHelper_GcoreCore_DisguiseFoundInMemory_WithOffsets_AndBothNamesInTheFacts()
    {
        helper.Comm.ShouldBe("[kworker/3:1H]"); // the kernel's view after prctl (15 characters fit)

        await using var input = File.OpenRead(helper.CorePath);
        var result = await new MemoryAnalyzer().AnalyzeAsync(input, helper.CorePath, null, CancellationToken.None);

        var process = result.Process.ShouldNotBeNull();
        process.Name.ShouldBe(PrctlHelperFixture.BinaryName); // what gcore recorded: not the disguise
        process.Disguise.ShouldBe(PrctlHelperFixture.Disguise);
        var finding = result.Findings.Single(f => f.Code == "memory.process.kernel-thread-name");
        finding.Severity.ShouldBe(FindingSeverity.High);
        finding.Value("name").ShouldBe(PrctlHelperFixture.Disguise);
        finding.Value("recorded").ShouldBe(PrctlHelperFixture.BinaryName);
        finding.Value("pid").ShouldBe(helper.Pid.ToString(CultureInfo.InvariantCulture));

        var bytes = await File.ReadAllBytesAsync(helper.CorePath);
        var offsets = finding.Argument("offsets")!.Values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();
        offsets.ShouldNotBeEmpty();
        offsets.ShouldBeSubsetOf(process.DisguiseOffsets.ShouldNotBeNull());
        foreach (var offset in offsets)
        {
            Encoding.ASCII.GetString(bytes, (int)offset, PrctlHelperFixture.Disguise.Length).ShouldBe(PrctlHelperFixture.Disguise);
        }

        finding.Reference!.Offset.ShouldBe(offsets[0]);
        var text = FindingText.Explanation(finding, MemoryFindingCatalogue.Instance, CultureInfo.InvariantCulture);
        text.ShouldContain($"recorded in the core as {PrctlHelperFixture.BinaryName}, goes by the kernel-thread name {PrctlHelperFixture.Disguise}");
    }

    [KernelCoreFact]
    public async Task PrctlRenamedHelper_KernelMadeCore_RecordsTheDisguise_FindingIsCritical_WithOffsets()
    {
        await using var input = File.OpenRead(helper.KernelCorePath);
        var result = await new MemoryAnalyzer().AnalyzeAsync(input, helper.KernelCorePath, null, CancellationToken.None);

        var process = result.Process.ShouldNotBeNull();
        process.Name.ShouldBe(PrctlHelperFixture.Disguise); // comm, from NT_PRPSINFO
        process.Disguise.ShouldBeNull();
        var finding = result.Findings.Single(f => f.Code == "memory.process.kernel-thread-name");
        finding.Severity.ShouldBe(FindingSeverity.Critical);
        (finding.Value("name"), finding.Value("recorded")).ShouldBe((PrctlHelperFixture.Disguise, PrctlHelperFixture.Disguise));
        var bytes = await File.ReadAllBytesAsync(helper.KernelCorePath);
        var offsets = finding.Argument("offsets")!.Values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList();
        offsets.ShouldNotBeEmpty();
        foreach (var offset in offsets)
        {
            Encoding.ASCII.GetString(bytes, (int)offset, PrctlHelperFixture.Disguise.Length).ShouldBe(PrctlHelperFixture.Disguise);
        }
    }

    [Fact]
    public void KernelThreadNamePattern_MatchesRealShapes_AndNotOrdinaryBrackets()
    {
        var pattern = IndicatorPatterns.KernelThreadName();
        foreach (var name in new[] { "[kworker/0:1]", "[kworker/u8:2]", "[kworker/3:1H]", "[kworker/R-rcu_g]", "[kworker/1:2-events]", "[ksoftirqd/7]", "[kthreadd]", "[migration/0]", "[rcu_sched]", "[kswapd0]", "[jbd2/sda1-8]" })
        {
            pattern.IsMatch(name).ShouldBeTrue(name);
        }

        foreach (var text in new[] { "[info] started", "array[0]", "[kworker]", "kworker/0:1", "[ksoftirqd/x]" })
        {
            pattern.IsMatch(text).ShouldBeFalse(text);
        }
    }
}

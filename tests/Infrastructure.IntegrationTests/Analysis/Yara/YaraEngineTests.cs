using System.Globalization;
using System.Text;
using CaseManager.Application.Yara;
using CaseManager.Domain.Evidence;
using CaseManager.Infrastructure.Analysis.Yara;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Yara;

/// <summary>The YARA engine over the real yara program: compile errors with lines, matches with offsets, caps, starter rules.</summary>
public sealed class YaraEngineTests(HelperProcessFixture helper) : IClassFixture<HelperProcessFixture>
{
    private const string MinerRule = """
        rule Test_Miner_Helper : miner test
        {
            meta:
                description = "the tests' miner helper"
                severity = "critical"
                mitre_attack = "T1496"
            strings:
                $pool = "stratum+tcp://pool.supportxmr.com:3333"
                $xmrig = "xmrig --donate-level"
            condition:
                all of them
        }
        """;

    private readonly YaraEngine _engine = new(new YaraOptions());

    [YaraFact(needsDumpTools: true)]
    public async Task RuleForTheMinerHelper_FiresOnItsGcoreCore_AtTheOffsetsWhereTheStringsAre()
    {
        await using var core = File.OpenRead(helper.CorePath);

        var scan = await _engine.ScanEvidenceAsync([new YaraRuleSource("miner", MinerRule, 3)], core, EvidenceKind.ElfCore, CancellationToken.None);

        scan.Warnings.ShouldBeEmpty();
        var finding = scan.Findings.ShouldHaveSingleItem();
        finding.Code.ShouldBe(YaraCodes.Match);
        finding.Severity.ShouldBe(FindingSeverity.Critical);
        finding.Attack.ShouldBe("T1496");
        finding.Value("rule").ShouldBe("Test_Miner_Helper");
        finding.Value("ruleset").ShouldBe("miner v3");
        finding.Argument("tags")!.Values.ShouldBe(["miner", "test"]);
        finding.Argument("meta")!.Values.ShouldContain("description=the tests' miner helper");

        // The offsets are exactly where the strings are in the core (found independently, byte by byte).
        var bytes = await File.ReadAllBytesAsync(helper.CorePath);
        var expected = Occurrences(bytes, "stratum+tcp://pool.supportxmr.com:3333").Concat(Occurrences(bytes, "xmrig --donate-level")).Order().ToList();
        expected.ShouldNotBeEmpty();
        var offsets = finding.Argument("offsets")!;
        offsets.Total.ShouldBe(expected.Count);
        offsets.Values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ShouldBeSubsetOf(expected);
        finding.Reference!.Offset.ShouldNotBeNull();
        Encoding.ASCII.GetString(bytes, (int)finding.Reference.Offset!.Value, (int)finding.Reference.Length!.Value).ShouldBeOneOf("stratum+tcp://pool.supportxmr.com:3333", "xmrig --donate-level");
        finding.Value("excerpt").ShouldNotBeNull().ShouldContain("@ 0x");
    }

    [YaraFact(needsDumpTools: true)]
    public async Task StarterRules_Compile_AndTheXmrigRuleFiresOnTheMinerHelper()
    {
        var starter = new YaraStarterRules().Source;
        starter.ShouldContain("Licence: CC0-1.0");
        (await _engine.CompileAsync([new YaraRuleSource("starter", starter)], CancellationToken.None)).Errors.ShouldBeEmpty();
        YaraRuleText.CountRules(starter).ShouldBe(10);

        await using var core = File.OpenRead(helper.CorePath);
        var scan = await _engine.ScanEvidenceAsync([new YaraRuleSource("starter", starter)], core, EvidenceKind.ElfCore, CancellationToken.None);
        scan.Findings.Select(f => f.Value("rule")).ShouldContain("CaseManager_Miner_XMRig");
    }

    [YaraFact]
    public async Task BrokenRule_IsRefusedWithTheCompilersMessageAndLine()
    {
        const string broken = "rule ok { condition: true }\n\nrule broken\n{\n    strings:\n        $a = \"x\"\n    condition:\n        $b\n}\n";

        var result = await _engine.CompileAsync([new YaraRuleSource("mine", broken)], CancellationToken.None);

        result.Succeeded.ShouldBeFalse();
        var error = result.Errors.ShouldHaveSingleItem();
        (error.RuleSet, error.Line).ShouldBe(("mine", 9)); // yara reports the line where it reduced the rule: its closing brace
        error.Message.ShouldContain("undefined string \"$b\"");
    }

    [YaraFact]
    public async Task BinaryGarbage_AsARuleFile_IsRefusedAsNotText()
    {
        var garbage = Encoding.Latin1.GetString(await File.ReadAllBytesAsync("/bin/true"));

        var result = await _engine.CompileAsync([new YaraRuleSource("upload", garbage)], CancellationToken.None);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("not a text rule file");
    }

    [YaraFact]
    public async Task ThousandsOfMatches_AreCappedPerRule_AndCounted()
    {
        var data = Encoding.ASCII.GetBytes(new string('A', 12_000));
        using var content = new MemoryStream(data);
        var engine = new YaraEngine(new YaraOptions { MaxMatchesPerRule = 50 });

        var scan = await engine.ScanEvidenceAsync([new YaraRuleSource("many", "rule many { strings: $a = \"AAAA\" condition: $a }")], content, EvidenceKind.RawMemory, CancellationToken.None);

        var finding = scan.Findings.ShouldHaveSingleItem();
        finding.Value("matches").ShouldBe("11997");
        finding.Argument("offsets")!.Total.ShouldBe(11997);
        scan.Warnings.ShouldHaveSingleItem().Code.ShouldBe(YaraCodes.WarnMatchesCapped);
    }

    [Fact]
    public void OutputParser_ReadsRuleLinesWithEscapedMetaAndStringLines()
    {
        var rule = YaraOutput.RuleLine("rs1:Miner_X [miner,linux] [author=\"a \\\"b\\\", c\",score =80,ok=true] /tmp/x y/core.1").ShouldNotBeNull();
        (rule.RuleSet, rule.Rule, rule.File).ShouldBe((1, "Miner_X", "/tmp/x y/core.1"));
        rule.Tags.ShouldBe(["miner", "linux"]);
        rule.Meta.Select(m => $"{m.Key}={m.Value}").ShouldBe(["author=a \"b\", c", "score=80", "ok=true"]);

        var s = YaraOutput.StringLine("0x2d:12:$w: d\\x00o\\x00n\\x00").ShouldNotBeNull();
        (s.Offset, s.Length, s.Identifier, s.Data).ShouldBe((0x2dL, 12, "$w", "d\\x00o\\x00n\\x00"));
    }

    private static List<long> Occurrences(byte[] haystack, string needle)
    {
        var pattern = Encoding.ASCII.GetBytes(needle);
        List<long> found = [];
        for (var i = haystack.AsSpan().IndexOf(pattern); i >= 0;)
        {
            found.Add(i);
            var next = haystack.AsSpan(i + 1).IndexOf(pattern);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return found;
    }
}

using System.Text.Json;
using CaseManager.Cli.Commands;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Memory;

namespace CaseManager.Infrastructure.IntegrationTests.Analysis.Yara;

/// <summary><c>casemgr yara RULES FILE... [--json]</c>: matches with rule, meta, tags, offsets; broken rules exit 2 with the line.</summary>
public sealed class YaraCommandTests(HelperProcessFixture helper) : IClassFixture<HelperProcessFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("casemgr-yara-cli-").FullName;

    [YaraFact]
    public async Task RuleThatDoesNotCompile_Exits2_WithTheCompilersMessageAndLine()
    {
        var rules = Path.Combine(_directory, "broken.yar");
        await File.WriteAllTextAsync(rules, "rule a\n{\n    condition:\n        $missing\n}\n");
        var target = Path.Combine(_directory, "target.bin");
        await File.WriteAllTextAsync(target, "anything");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await YaraCommand.RunAsync([rules, target], stdout, stderr);

        code.ShouldBe(2);
        stderr.ToString().ShouldContain("broken.yar(5): error: rule \"a\": undefined string \"$missing\"");
        stdout.ToString().ShouldBeEmpty();
    }

    [YaraFact(needsDumpTools: true)]
    public async Task Json_ListsRuleMetaTagsAndOffsets_ForEachFile()
    {
        var rules = Path.Combine(_directory, "miner.yar");
        await File.WriteAllTextAsync(rules, "rule pool : miner { meta: family = \"xmrig\" strings: $p = \"stratum+tcp://pool.supportxmr.com:3333\" condition: $p }\n");
        var clean = Path.Combine(_directory, "clean.txt");
        await File.WriteAllTextAsync(clean, "nothing to see");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await YaraCommand.RunAsync([rules, helper.CorePath, clean, "--json"], stdout, stderr);

        code.ShouldBe(0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        files.Count.ShouldBe(2);
        var match = files[0].GetProperty("matches").EnumerateArray().ShouldHaveSingleItem();
        match.GetProperty("rule").GetString().ShouldBe("pool");
        match.GetProperty("tags")[0].GetString().ShouldBe("miner");
        match.GetProperty("meta").GetProperty("family").GetString().ShouldBe("xmrig");
        var offset = match.GetProperty("strings")[0].GetProperty("offset").GetInt64();
        var bytes = new byte[38];
        await using (var core = File.OpenRead(helper.CorePath))
        {
            core.Position = offset;
            await core.ReadExactlyAsync(bytes);
        }

        System.Text.Encoding.ASCII.GetString(bytes).ShouldBe("stratum+tcp://pool.supportxmr.com:3333");
        files[1].GetProperty("matches").GetArrayLength().ShouldBe(0);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

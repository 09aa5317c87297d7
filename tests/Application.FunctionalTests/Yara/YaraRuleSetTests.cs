using System.Globalization;
using System.Text;
using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetEvidence;
using CaseManager.Application.FunctionalTests.Evidence;
using CaseManager.Application.Yara.Commands.EnableRuleSet;
using CaseManager.Application.Yara.Commands.RescanCaseEvidence;
using CaseManager.Application.Yara.Commands.SaveRuleSet;
using CaseManager.Application.Yara.Queries.GetRuleSet;
using CaseManager.Application.Yara.Queries.ListRuleSets;
using CaseManager.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Application.FunctionalTests.Yara;

/// <summary>
/// Rule sets through the real host and database: compiled on save (broken rules refused with their line), versioned,
/// scanned with as part of an item's analysis, and a rule change plus one rescan replaces the old matches.
/// </summary>
public abstract class YaraRuleSetTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    private static string Rule(string name, string marker) =>
        $"rule {name} : test\n{{\n    meta:\n        severity = \"medium\"\n    strings:\n        $m = \"{marker}\"\n    condition:\n        $m\n}}\n";

    [SkippableFact]
    public async Task BrokenRule_IsRefusedWithTheCompilersLine_AndNothingIsSaved()
    {
        var caseId = await NewCaseAsync();
        const string broken = "rule fine { condition: true }\n\nrule broken\n{\n    condition:\n        $nowhere\n}\n";

        var refused = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new SaveYaraRuleSetCommand(null, caseId, "broken", broken)));

        refused.Errors["Source"].ShouldHaveSingleItem().ShouldBe("line 7: rule \"broken\": undefined string \"$nowhere\"");
        (await App.SendAsync(new ListYaraRuleSetsQuery(caseId))).Case.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task GlobalRuleSets_AreForAdmins_CaseRuleSetsForStaff()
    {
        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new SaveYaraRuleSetCommand(null, null, "global", Rule("g", "x"))));
        var id = await App.SendAsync(new SaveYaraRuleSetCommand(null, null, Unique("global"), Rule("g", "GLOBAL-ONLY-" + Guid.NewGuid().ToString("N"))), TestUser.Admin);
        await App.SendAsync(new EnableYaraRuleSetCommand(id, null, false), TestUser.Admin);
        (await App.SendAsync(new GetYaraRuleSetQuery(id, null))).Enabled.ShouldBeFalse();
    }

    [SkippableFact]
    public async Task RuleChange_ThenRescan_ReplacesTheOldMatchesWithTheNewOnes()
    {
        var caseId = await NewCaseAsync();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var (one, two) = ($"CASEMGR-ONE-{tag}", $"CASEMGR-TWO-{tag}");
        var elf = await File.ReadAllBytesAsync("/usr/bin/true");
        var bytes = elf.Concat(Encoding.ASCII.GetBytes($"\0{one}\0padding\0{two}\0")).ToArray();
        var evidenceId = await UploadAsync(caseId, "implant.elf", bytes);
        var setId = await App.SendAsync(new SaveYaraRuleSetCommand(null, caseId, "case rules", Rule("Marker_One", one)));
        await AnalyseAsync(evidenceId);

        var first = await YaraMatchesAsync(evidenceId);
        var (rule, offsets) = first.ShouldHaveSingleItem();
        rule.ShouldBe("Marker_One");
        offsets.ShouldBe([elf.Length + 1L]);

        await App.SendAsync(new SaveYaraRuleSetCommand(setId, caseId, "case rules", Rule("Marker_Two", two)));
        var rescan = await App.SendAsync(new RescanCaseEvidenceCommand(caseId));
        rescan.Queued.ShouldBe(1);
        var progress = (await App.SendAsync(new ListYaraRuleSetsQuery(caseId))).Evidence.ShouldHaveSingleItem();
        (progress.EvidenceId, progress.Status, progress.Matches).ShouldBe((evidenceId, AnalysisStatus.Queued, 1));
        await AnalyseAsync(evidenceId);

        var second = await YaraMatchesAsync(evidenceId);
        var (newRule, newOffsets) = second.ShouldHaveSingleItem();
        newRule.ShouldBe("Marker_Two");
        newOffsets.ShouldBe([elf.Length + 2L + one.Length + "padding".Length + 1]);
        (await App.SendAsync(new GetYaraRuleSetQuery(setId, caseId))).Versions.Select(v => v.Version).ShouldBe([2, 1]);
        var item = await App.SendAsync(new GetEvidenceQuery(evidenceId));
        item.Status.ShouldBeOneOf(AnalysisStatus.Succeeded, AnalysisStatus.SucceededWithWarnings);
    }

    private Task<List<(string Rule, List<long> Offsets)>> YaraMatchesAsync(Guid evidenceId) =>
        App.InDbAsync(async db =>
        {
            var rows = await db.EvidenceFindings.Where(f => f.EvidenceId == new EvidenceId(evidenceId) && f.Code == "yara.match").ToListAsync();
            return rows.Select(r => FindingJson.Arguments(r.Arguments))
                .Select(a => (a.Single(x => x.Name == "rule").Value, a.Single(x => x.Name == "offsets").Values.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToList()))
                .ToList();
        });
}

public sealed class YaraRuleSetOnSqliteTests(SqliteApp app) : YaraRuleSetTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class YaraRuleSetOnPostgresTests(PostgresApp app) : YaraRuleSetTests<PostgresApp>(app), IClassFixture<PostgresApp>;

using CaseManager.Application.Analysis;
using CaseManager.Application.Cases.Queries.GetCaseAnalysis;
using CaseManager.Application.Cases.Queries.GetCaseDetails;
using CaseManager.Application.Classification;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.Classification.Queries.GetClassification;
using CaseManager.Application.FunctionalTests.Evidence;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Timeline;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Application.FunctionalTests.Classification;

/// <summary>
/// The suggested classification on the reference article's scene (captures with a dynamic-DNS C2 name, an IRC bot
/// channel and stratum mining, plus the miner's core dump), the consultant's decision and its history.
/// </summary>
public abstract class ClassificationTests<TApp>(TApp app, MinerCoreFixture miner) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task ReferenceScene_IsSuggestedAsCryptominingFirst_BotnetSecond_EachWithItsRationale()
    {
        Skip.If(MinerCoreFixture.MissingTools is not null, MinerCoreFixture.MissingTools);
        var caseId = await NewCaseAsync();
        var captures = new Dictionary<string, string>
        {
            ["c2-dyndns.pcap"] = "ndpi_jsonrpc.pcap",
            ["irc-bot.pcap"] = "zeek_irc-basic.pcap",
            ["stratum.pcapng"] = "nesfit_xmr.suprnova.cc.pcapng",
        };
        foreach (var (name, file) in captures)
        {
            await AnalyseAsync(await UploadAsync(caseId, name, await File.ReadAllBytesAsync(TestData.Pcap(file))));
        }

        var coreId = await UploadAsync(caseId, "kswapd0.core", miner.Core);
        await AnalyseAsync(coreId);
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Symptoms = new Symptoms([new SymptomEntry(SymptomKind.HighCpu)]) }, null, Submit: false));

        var classification = await App.SendAsync(new GetClassificationQuery(caseId));

        var scores = classification.Suggested.Scores;
        scores.Count.ShouldBe(Enum.GetValues<IncidentType>().Length, "every type gets a score");
        scores.Select(s => s.Type).Take(2).ShouldBe([IncidentType.Cryptomining, IncidentType.Botnet]);
        scores[0].Score.ShouldBeGreaterThan(scores[1].Score);
        scores[0].Score.ShouldBe(scores[0].Rationale.Sum(r => r.Weight), "the score is the sum of its signals");

        var mining = scores[0].Rationale;
        mining.ShouldContain(r => r.Code == "traffic.mining.stratum" && r.EvidenceName == "stratum.pcapng" && r.Weight == 40 && r.Reference != null && r.Reference.Table == "stratum");
        mining.ShouldContain(r => r.Code == "memory.strings.stratum-url" && r.EvidenceName == "kswapd0.core" && r.EvidenceId == coreId);
        mining.ShouldContain(r => r.Code == "memory.strings.wallet" && r.EvidenceId == coreId);
        mining.ShouldContain(r => r.Code == "memory.process.kernel-thread-name" && r.EvidenceId == coreId);
        mining.ShouldContain(r => r.Source == SignalSource.Symptom && r.Code == nameof(SymptomKind.HighCpu) && r.Weight == 15);
        mining.Where(r => r.Source == SignalSource.Finding).ShouldAllBe(r => r.EvidenceId != null && r.FindingId != null && r.Label.Length > 0);

        var botnet = scores[1].Rationale;
        botnet.ShouldContain(r => r.Code == "traffic.dns.dynamic-dns" && r.EvidenceName == "c2-dyndns.pcap");
        botnet.ShouldContain(r => r.Code == "traffic.irc.session" && r.EvidenceName == "irc-bot.pcap" && r.Reference != null && r.Reference.Table == "irc");
        botnet.ShouldContain(r => r.Code == "memory.strings.dynamic-dns" && r.EvidenceId == coreId);
        classification.Suggested.Family.ShouldNotBeNull().ShouldBe("xmrig", StringCompareShould.IgnoreCase);
        classification.Confirmed.ShouldBeNull();
    }

    [SkippableFact]
    public async Task Confirming_KeepsHistory_MovesTheCaseOnToAnalysis_AndAddsATimelineEntry()
    {
        var caseId = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Symptoms = new Symptoms([new SymptomEntry(SymptomKind.RansomNote), new SymptomEntry(SymptomKind.FilesEncrypted)]) }, null, Submit: false));
        (await App.SendAsync(new GetClassificationQuery(caseId))).Suggested.Top!.Type.ShouldBe(IncidentType.Ransomware);

        // Another type than the suggestion needs a reason; nothing is stored without one.
        var refused = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.DataTheft, null, Severity.High, null)));
        refused.Errors.Keys.ShouldContain(nameof(ConfirmClassificationCommand.Reason));
        (await App.SendAsync(new GetClassificationQuery(caseId))).History.ShouldBeEmpty();
        (await App.SendAsync(new GetCaseDetailsQuery(caseId))).Phase.ShouldBe(CasePhase.Intake);

        await App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.Ransomware, "LockBit", Severity.Critical, null));
        var details = await App.SendAsync(new GetCaseDetailsQuery(caseId));
        (details.Phase, details.Severity).ShouldBe((CasePhase.Analysis, Severity.Critical));

        await App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.DataTheft, null, Severity.High, "The leak site lists the data; encryption failed."));
        var classification = await App.SendAsync(new GetClassificationQuery(caseId));
        classification.History.Select(h => (h.Type, h.Family, h.IsOverride, h.SuggestedType)).ShouldBe(
            [(IncidentType.DataTheft, (string?)null, true, (IncidentType?)IncidentType.Ransomware), (IncidentType.Ransomware, "LockBit", false, IncidentType.Ransomware)]);
        classification.Confirmed!.Type.ShouldBe(IncidentType.DataTheft);
        (await App.SendAsync(new GetCaseDetailsQuery(caseId))).Phase.ShouldBe(CasePhase.Analysis, "a later decision does not move the case again");

        var timeline = (await App.SendAsync(new GetCaseAnalysisQuery(caseId))).Timeline;
        timeline.Where(t => t.Kind == TimelineEntryKind.Classified).Select(t => t.Subject).ShouldBe(["ransomware (LockBit)", "data-theft"]);
        timeline.ShouldAllBe(t => t.EvidenceId == null);

        // The case timeline names the type in the reader's language (value) and adds only the family, never the raw key.
        var items = (await App.SendAsync(new GetCaseTimelineQuery(caseId))).Items.Where(i => i.Kind == TimelineItemKind.Classified);
        items.Select(i => (i.Value, i.Text)).ShouldBe([(nameof(IncidentType.Ransomware), "LockBit"), (nameof(IncidentType.DataTheft), string.Empty)], ignoreOrder: true);
    }

    [SkippableTheory]
    [InlineData("<script>", "Family")]
    [InlineData(null, "Type")]
    public async Task BadDecisions_AreRefusedWithAMessage(string? family, string field)
    {
        var caseId = await NewCaseAsync();
        var type = field == "Type" ? (IncidentType)99 : IncidentType.Other;

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ConfirmClassificationCommand(caseId, type, family, Severity.Low, "because")));

        ex.Errors.Keys.ShouldContain(field);
        (await App.SendAsync(new GetClassificationQuery(caseId))).History.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task RulesFile_NamesOnlyCatalogueCodes_AndCoversEveryCatalogueCode()
    {
        var catalogued = await App.InScopeAsync(sp =>
            Task.FromResult(sp.GetRequiredService<IAnalyserRegistry>().All.SelectMany(a => a.Catalogue.Findings).Select(f => f.Code).ToHashSet(StringComparer.Ordinal)));
        var rules = ClassificationRules.Default;

        rules.Findings.Keys.Concat(rules.Neutral).Concat(rules.FamilyCodes).Where(c => !catalogued.Contains(c)).ShouldBeEmpty("codes in ClassificationRules.json that no analyser produces");
        catalogued.Where(c => !rules.Findings.ContainsKey(c) && !rules.Neutral.Contains(c)).ShouldBeEmpty("catalogue codes the rules file neither weights nor lists as neutral");
        rules.Findings.Keys.Intersect(rules.Neutral).ShouldBeEmpty();
        Enum.GetValues<SymptomKind>().Where(s => !rules.Symptoms.ContainsKey(s)).ShouldBeEmpty("every intake symptom has a rule");
        Should.Throw<InvalidDataException>(() => ClassificationRules.Parse("""{"symptoms":{},"findings":{"x":{"mining":5}},"indicators":{},"neutral":[],"families":[]}"""))
            .Message.ShouldContain("unknown incident type mining");
    }
}

public sealed class ClassificationOnSqliteTests(SqliteApp app, MinerCoreFixture miner)
    : ClassificationTests<SqliteApp>(app, miner), IClassFixture<SqliteApp>, IClassFixture<MinerCoreFixture>;

public sealed class ClassificationOnPostgresTests(PostgresApp app, MinerCoreFixture miner)
    : ClassificationTests<PostgresApp>(app, miner), IClassFixture<PostgresApp>, IClassFixture<MinerCoreFixture>;

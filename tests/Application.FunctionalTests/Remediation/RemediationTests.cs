using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Classification.Commands.ConfirmClassification;
using CaseManager.Application.FunctionalTests.Evidence;
using CaseManager.Application.Remediation;
using CaseManager.Application.Remediation.Commands;
using CaseManager.Application.Remediation.Queries;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;
using CaseManager.Domain.Remediation;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Infrastructure.IntegrationTests.Analysis.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Application.FunctionalTests.Remediation;

/// <summary>
/// Remediation through the real host: the reference article's mining scene (a triage bundle of web01) analysed and
/// classified gives the mining playbook plus items on the exact targets; a second bundle after clean-up verifies them.
/// </summary>
public abstract class RemediationTests<TApp>(TApp app) : EvidenceTestBase<TApp>(app)
    where TApp : FunctionalTestApp
{
    private const string Password = "Str0ng!Password-x";

    private async Task<(Guid CaseId, Guid ClientId, Guid Evidence)> MiningCaseAsync()
    {
        var clientId = await App.SendAsync(new Application.Clients.Commands.CreateClient.CreateClientCommand(Unique("Mining"), null, null, []));
        var caseId = await App.SendAsync(new Application.Cases.Commands.OpenCase.OpenCaseCommand(clientId, "Miner on web01", null, Severity.High, TrafficLightProtocol.Amber));
        var evidence = await UploadAsync(caseId, "web01-triage.tar.gz", TriageScenarios.LinuxCompromised());
        await AnalyseAsync(evidence);
        await App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.Cryptomining, "XMRig", Severity.High, "miner found by triage"));
        return (caseId, clientId, evidence);
    }

    [SkippableFact]
    public async Task MiningScene_GetsTheMiningPlaybook_AndItemsOnTheExactTargets()
    {
        var (caseId, _, evidence) = await MiningCaseAsync();

        var view = await App.SendAsync(new GetRemediationQuery(caseId));

        var playbook = view.Items.Where(i => i.Source == RemediationSource.Playbook).ToList();
        playbook.Count.ShouldBe(RemediationPlanner.SeedSteps["cryptomining"].Count);
        playbook.ShouldAllBe(i => i.PlaybookVersion == 1 && i.TextZh != null);
        playbook.Select(i => i.Stage).Distinct().Count().ShouldBe(4);
        var found = view.Items.Where(i => i.Source == RemediationSource.Finding).ToList();
        found.ShouldAllBe(i => i.EvidenceId == evidence);

        // the miner's pid chain, with the command to kill it
        var chain = found.Single(i => i.FindingCode == "triage.process.fake-kernel-thread" && i.Target!.StartsWith("pid 11275", StringComparison.Ordinal));
        (chain.Stage, chain.Action, chain.Command).ShouldBe((RemediationStage.Containment, "kill", "kill -9 11275 11276 11277"));
        chain.Target!.ShouldContain("11276 11277");

        // its file
        var file = found.Single(i => i.FindingCode == "triage.file.executable-as-config");
        file.Target!.ShouldStartWith("/etc/security/ntps.conf");
        file.Command.ShouldBe("kill -9 11275 11276 11277 && chattr -i /etc/security/ntps.conf && rm -f /etc/security/ntps.conf");

        // its persistence entries: the cron line and the systemd unit
        found.ShouldContain(i => i.FindingCode == "triage.persistence.suspicious-entry" && i.Target == "/etc/crontab: */5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1");
        found.ShouldContain(i => i.FindingCode == "triage.persistence.suspicious-entry" && i.Target!.Contains("ExecStart=/etc/security/ntps.conf -d"));

        // the pool and the C2 domain to block
        found.ShouldContain(i => i.FindingCode == "triage.network.mining-pool" && i.Action == "block" && i.Target!.StartsWith("pool.supportxmr.com", StringComparison.Ordinal));
        found.ShouldContain(i => i.FindingCode == "triage.network.dynamic-dns" && i.Action == "block" && i.Target!.StartsWith("sjb555.3322.org", StringComparison.Ordinal));

        // idempotent: confirming again and re-analysing add nothing
        await App.SendAsync(new ConfirmClassificationCommand(caseId, IncidentType.Cryptomining, "XMRig", Severity.High, "again"));
        await AnalyseAsync(evidence);
        (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Count.ShouldBe(view.Items.Count);
    }

    [SkippableFact]
    public async Task SecondBundle_AfterCleanUp_VerifiesItems_AndWhatPersistsIsFlaggedToTheAssignee()
    {
        var (caseId, _, first) = await MiningCaseAsync();
        var before = await App.SendAsync(new GetRemediationQuery(caseId));
        var consultant = await App.SendAsync(new CreateUserCommand($"{Guid.NewGuid():N}@x.example", "Remediation Consultant", Password, Roles.Consultant, null), TestUser.Admin);
        var kill = before.Items.Single(i => i.Command == "kill -9 11275 11276 11277");
        await App.SendAsync(new AssignRemediationItemCommand(kill.Id, consultant, null));

        // after a partial clean-up the miner still runs: the same scene collected an hour later
        var stillThere = await UploadAsync(caseId, "web01-triage-2.tar.gz", PartialCleanUp());
        await AnalyseAsync(stillThere);
        var middle = await App.SendAsync(new GetRemediationQuery(caseId));
        var killNow = middle.Items.Single(i => i.Id == kill.Id);
        killNow.StillPresentInEvidenceId.ShouldBe(stillThere);
        killNow.Status.ShouldNotBe(RemediationStatus.Verified);
        var notified = await App.InDbAsync(db => db.Notifications.CountAsync(n => n.UserId == consultant && n.Kind == NotificationKind.RemediationStillPresent));
        notified.ShouldBe(1);
        middle.Items.Single(i => i.FindingCode == "triage.network.dynamic-dns").Status.ShouldBe(RemediationStatus.Verified);

        // the clean host: every triage item is verified by that collection
        var clean = await UploadAsync(caseId, "web01-triage-3.tar.gz", TriageScenarios.LinuxClean());
        await AnalyseAsync(clean);
        var after = await App.SendAsync(new GetRemediationQuery(caseId));
        var fromFindings = after.Items.Where(i => i.Source == RemediationSource.Finding).ToList();
        fromFindings.Count.ShouldBeGreaterThanOrEqualTo(before.Items.Count(i => i.Source == RemediationSource.Finding));
        fromFindings.ShouldAllBe(i => i.Status == RemediationStatus.Verified && (i.VerifiedByEvidenceId == clean || i.VerifiedByEvidenceId == stillThere) && i.StillPresentInEvidenceId == null);
        after.Items.Where(i => i.Source == RemediationSource.Playbook).ShouldAllBe(i => i.Status == RemediationStatus.Open);
        after.Progress.Single(p => p.Stage == RemediationStage.Containment).Completed.ShouldBeGreaterThan(0);
        first.ShouldNotBe(clean);
    }

    /// <summary>The compromised host an hour later: the miner and its pool are still there, the cron line and the DDNS name are gone.</summary>
    private static byte[] PartialCleanUp() => new TriageBundleBuilder { CollectedAt = TriageScenarios.Collected.AddHours(1) }
        .Tsv("processes.tsv", TriageScenarios.ProcessHeader,
            "1\t0\t0\t1764400000\t0.50\tsystemd\t/usr/lib/systemd/systemd\t/\t/sbin/init",
            "2\t0\t0\t1764400000\t0.50\tkthreadd\t\t/\t",
            "11275\t1\t0\t1764500000\t0.50\t[ksoftirqd/7]\t/etc/security/ntps.conf\t/\t[ksoftirqd/7]",
            "11276\t11275\t0\t1764500000\t0.50\t[ksoftirqd/7]\t/etc/security/ntps.conf\t/\t[ksoftirqd/7]",
            "11277\t11275\t0\t1764500000\t0.50\t[ksoftirqd/7]\t/etc/security/ntps.conf\t/\t[ksoftirqd/7]")
        .Tsv("maps.tsv", "pid\tpath", "11275\t/etc/security/ntps.conf")
        .Tsv("sockets.tsv", TriageScenarios.SocketHeader)
        .Tsv("executables.tsv", TriageScenarios.FilesHeader, $"/etc/security/ntps.conf\t{TriageScenarios.ElfSha}\t1887744\t1764500000\tELF")
        .Add("files/etc/crontab", "SHELL=/bin/sh\n")
        .Add("files/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
        .Add("files/etc/hosts", "127.0.0.1 localhost\n")
        .TarGz();

    [SkippableFact]
    public async Task Workflow_BadInput_GivesAClearMessage_AndChangesNothing()
    {
        var (caseId, clientId, _) = await MiningCaseAsync();
        var item = (await App.SendAsync(new GetRemediationQuery(caseId))).Items.First(i => i.Source == RemediationSource.Finding);

        var skip = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateRemediationItemCommand(item.Id, RemediationStatus.Done, "killed", null, null)));
        skip.Errors["Reason"].ShouldContain("This status change skips steps: give a reason.");
        var wontDo = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateRemediationItemCommand(item.Id, RemediationStatus.WontDo, null, null, null)));
        wontDo.Errors["Reason"].ShouldContain("Won't do needs a reason.");
        var proof = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateRemediationItemCommand(item.Id, RemediationStatus.InProgress, null, null, new string('x', RemediationItem.ProofMaxLength + 1))));
        proof.Errors["Proof"].ShouldContain("The proof is at most 4000 characters; attach longer output as evidence.");

        var otherClient = await App.SendAsync(new Application.Clients.Commands.CreateClient.CreateClientCommand(Unique("Other"), null, null, []));
        var stranger = await App.SendAsync(new CreateUserCommand($"{Guid.NewGuid():N}@x.example", "Stranger", Password, Roles.Client, otherClient), TestUser.Admin);
        var assign = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AssignRemediationItemCommand(item.Id, stranger, null)));
        assign.Errors["AssigneeUserId"].ShouldContain("The assignee must be a consultant or a user of this case's client organisation.");

        var unchanged = (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Single(i => i.Id == item.Id);
        (unchanged.Status, unchanged.AssigneeUserId, unchanged.Note).ShouldBe((RemediationStatus.Open, null, null));

        // with a reason the jump is accepted and recorded
        await App.SendAsync(new UpdateRemediationItemCommand(item.Id, RemediationStatus.Done, "killed", "done during the call", "ps shows nothing"));
        var done = (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Single(i => i.Id == item.Id);
        (done.Status, done.Reason, done.Proof, done.UpdatedBy).ShouldBe((RemediationStatus.Done, "done during the call", "ps shows nothing", TestUser.Consultant.Name));
        clientId.ShouldNotBe(otherClient);
    }

    [SkippableFact]
    public async Task ClientUser_SeesAndUpdatesOnlyTheItemsAssignedToTheirOrganisation()
    {
        var (caseId, clientId, _) = await MiningCaseAsync();
        var email = $"{Guid.NewGuid():N}@x.example";
        var userId = await App.SendAsync(new CreateUserCommand(email, "Client Admin", Password, Roles.Client, clientId), TestUser.Admin);
        var client = new TestUser(userId, email, Roles.Client, clientId);
        var all = (await App.SendAsync(new GetRemediationQuery(caseId))).Items;
        var mine = all.First(i => i.Source == RemediationSource.Finding);
        var notMine = all.First(i => i.Id != mine.Id);
        await App.SendAsync(new AssignRemediationItemCommand(mine.Id, userId, new DateOnly(2026, 12, 31)));

        var seen = await App.SendAsync(new GetRemediationQuery(caseId), client);
        seen.Items.Select(i => i.Id).ShouldBe([mine.Id]);
        seen.Assignees.ShouldBeEmpty();
        await App.SendAsync(new UpdateRemediationItemCommand(mine.Id, RemediationStatus.InProgress, "on it", null, null), client);
        await App.SendAsync(new UpdateRemediationItemCommand(mine.Id, RemediationStatus.Done, "removed the cron line", null, "crontab -l: empty"), client);
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateRemediationItemCommand(mine.Id, RemediationStatus.Verified, null, null, null), client));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new UpdateRemediationItemCommand(notMine.Id, RemediationStatus.InProgress, null, null, null), client));
        (await App.SendAsync(new ListMyRemediationQuery(), client)).Single().CaseId.ShouldBe(caseId);

        // another organisation sees neither the case nor the item
        var other = TestUser.ClientOf(await App.SendAsync(new Application.Clients.Commands.CreateClient.CreateClientCommand(Unique("Other"), null, null, [])));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetRemediationQuery(caseId), other));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new UpdateRemediationItemCommand(mine.Id, RemediationStatus.Open, null, "x", null), other));
        (await App.SendAsync(new ListMyRemediationQuery(), other)).ShouldBeEmpty();

        // the consultant verifies
        await App.SendAsync(new UpdateRemediationItemCommand(mine.Id, RemediationStatus.Verified, "checked crontab", null, null));
        (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Single(i => i.Id == mine.Id).Status.ShouldBe(RemediationStatus.Verified);
    }

    [SkippableFact]
    public async Task EditingAPlaybook_AddsAVersion_CasesKeepTheirs_AndAStaleEditIsRefused()
    {
        var (caseId, _, _) = await MiningCaseAsync();
        var current = await App.InDbAsync(db => db.Playbooks.Where(p => p.Type == IncidentType.Cryptomining).MaxAsync(p => p.Version));
        var steps = RemediationPlanner.SeedSteps["cryptomining"].Append(new PlaybookStep("notify-isp", RemediationStage.Recovery, "Tell the hosting provider.", "通知托管服务商。")).ToList();

        var edited = await App.SendAsync(new EditPlaybookCommand(IncidentType.Cryptomining, current, steps), TestUser.Admin);
        edited.Version.ShouldBe(current + 1);
        edited.CasesOnOlderVersions.ShouldBeGreaterThan(0);
        var stale = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new EditPlaybookCommand(IncidentType.Cryptomining, current, steps), TestUser.Admin));
        stale.Errors["BasedOnVersion"].Single().ShouldContain("Someone saved a newer version of this playbook meanwhile");
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new EditPlaybookCommand(IncidentType.Cryptomining, edited.Version, []), TestUser.Admin));

        var items = (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Where(i => i.Source == RemediationSource.Playbook).ToList();
        items.ShouldAllBe(i => i.PlaybookVersion == 1);
        items.ShouldNotContain(i => i.TextEn == "Tell the hosting provider.");
        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new EditPlaybookCommand(IncidentType.Cryptomining, edited.Version, steps)));
    }

    [SkippableFact]
    public async Task ProofFiles_AreStoredWithTheirSha256_ReachOnlyTheItemsOrganisation_AndAFileOverTheLimitIsRefused()
    {
        var (caseId, clientId, _) = await MiningCaseAsync();
        var email = $"{Guid.NewGuid():N}@x.example";
        var userId = await App.SendAsync(new CreateUserCommand(email, "Client Ops", Password, Roles.Client, clientId), TestUser.Admin);
        var client = new TestUser(userId, email, Roles.Client, clientId);
        var items = (await App.SendAsync(new GetRemediationQuery(caseId))).Items;
        var mine = items.First(i => i.Source == RemediationSource.Finding);
        var staffOnly = items.First(i => i.Id != mine.Id);
        await App.SendAsync(new AssignRemediationItemCommand(mine.Id, userId, null));
        var bytes = System.Text.Encoding.UTF8.GetBytes("$ crontab -l\nno crontab for root\n<script>alert(1)</script>\n");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        // the client attaches a log excerpt to their item; staff and the client see it with its SHA-256 and download the same bytes
        var proofId = await App.SendAsync(new AttachRemediationProofCommand(mine.Id, "C:\\logs\\crontab.html", bytes.Length, new MemoryStream(bytes)), client);
        var listed = (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Single(i => i.Id == mine.Id).Proofs.ShouldHaveSingleItem();
        (listed.Id, listed.FileName, listed.Size, listed.Sha256, listed.UploadedBy).ShouldBe((proofId, "crontab.html", (long)bytes.Length, sha, email));
        (await App.SendAsync(new GetRemediationQuery(caseId), client)).Items.Single().Proofs.Single().Id.ShouldBe(proofId);
        foreach (var reader in new[] { TestUser.Consultant, client })
        {
            var download = await App.SendAsync(new DownloadRemediationProofQuery(caseId, proofId), reader);
            await using var content = download.Content;
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            (download.FileName, download.Sha256).ShouldBe(("crontab.html", sha));
            copy.ToArray().ShouldBe(bytes);
        }

        // another organisation, or the client on an item not assigned to them: not found, nothing stored
        var other = TestUser.ClientOf(await App.SendAsync(new Application.Clients.Commands.CreateClient.CreateClientCommand(Unique("Other"), null, null, [])));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new DownloadRemediationProofQuery(caseId, proofId), other));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new AttachRemediationProofCommand(mine.Id, "x.png", 3, new MemoryStream([1, 2, 3])), other));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new AttachRemediationProofCommand(staffOnly.Id, "x.png", 3, new MemoryStream([1, 2, 3])), client));
        var staffProof = await App.SendAsync(new AttachRemediationProofCommand(staffOnly.Id, "ps.txt", 3, new MemoryStream([4, 5, 6])));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new DownloadRemediationProofQuery(caseId, staffProof), client));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new DownloadRemediationProofQuery(Guid.NewGuid(), proofId)));

        // over the limit (10 MiB by default): a clear message, nothing stored, the earlier proof untouched
        var limit = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RemediationProofOptions>>().Value.MaxProofBytes;
        limit.ShouldBe(10L * 1024 * 1024);
        var big = new byte[limit + 1];
        big[0] = 0x89;
        var tooBig = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AttachRemediationProofCommand(mine.Id, "screen.png", big.Length, new MemoryStream(big)), client));
        tooBig.Errors["File"].ShouldBe(["The proof file is over the size limit; nothing was stored."]);
        var empty = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AttachRemediationProofCommand(mine.Id, "empty.png", 0, new MemoryStream()), client));
        empty.Errors["File"].ShouldBe(["The proof file is empty."]);
        var badName = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AttachRemediationProofCommand(mine.Id, "evil\u202Egnp.exe", 3, new MemoryStream([1, 2, 3])), client));
        badName.Errors["File"].ShouldBe(["The file name is empty, too long or contains control or invisible characters."]);
        var bigSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big));
        (await App.InScopeAsync(sp => sp.GetRequiredService<IEvidenceStore>().VerifyAsync(bigSha, CancellationToken.None))).ShouldBeFalse();
        (await App.InDbAsync(db => db.RemediationProofs.Where(p => p.ItemId == mine.Id).Select(p => p.Id).ToListAsync())).ShouldBe([proofId]);
    }

    [SkippableFact]
    public async Task DoneVerifiedAndWontDo_BecomeEntriesOfTheCaseTimeline_WithWhoAndWhy()
    {
        var (caseId, _, _) = await MiningCaseAsync();
        var items = (await App.SendAsync(new GetRemediationQuery(caseId))).Items;
        var cron = items.Single(i => i.Target == "/etc/crontab: */5 * * * * root /etc/security/ntps.conf >/dev/null 2>&1");
        var playbook = items.First(i => i.Source == RemediationSource.Playbook);

        await App.SendAsync(new UpdateRemediationItemCommand(cron.Id, RemediationStatus.InProgress, "on it", null, null));
        await App.SendAsync(new UpdateRemediationItemCommand(cron.Id, RemediationStatus.Done, "line removed", null, null));
        await App.SendAsync(new UpdateRemediationItemCommand(cron.Id, RemediationStatus.Verified, "crontab checked", null, null));
        await App.SendAsync(new UpdateRemediationItemCommand(playbook.Id, RemediationStatus.WontDo, null, "the host is being rebuilt", null));

        var timeline = await App.SendAsync(new Application.Timeline.Queries.GetCaseTimeline.GetCaseTimelineQuery(caseId, Lane: Application.Timeline.TimelineLane.Remediation));
        timeline.Items.Select(i => i.Kind).ShouldBe([Application.Timeline.TimelineItemKind.RemediationDone, Application.Timeline.TimelineItemKind.RemediationVerified, Application.Timeline.TimelineItemKind.RemediationWontDo]);
        timeline.Items.ShouldAllBe(i => i.By == TestUser.Consultant.Name);
        timeline.Items[0].Text.ShouldBe(cron.Target + " — line removed");
        timeline.Items[0].Host.ShouldBe("web01");
        timeline.Items[1].Text.ShouldBe(cron.Target + " — crontab checked");
        timeline.Items[2].Text.ShouldBe(playbook.TextEn + " — the host is being rebuilt");

        // in Chinese, a playbook step reads in Chinese; a refused change adds nothing
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            var chinese = await App.SendAsync(new Application.Timeline.Queries.GetCaseTimeline.GetCaseTimelineQuery(caseId, Lane: Application.Timeline.TimelineLane.Remediation));
            chinese.Items[2].Text.ShouldBe(playbook.TextZh + " — the host is being rebuilt");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }

        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateRemediationItemCommand(items.Last().Id, RemediationStatus.Done, null, null, null)));
        (await App.SendAsync(new Application.Timeline.Queries.GetCaseTimeline.GetCaseTimelineQuery(caseId, Lane: Application.Timeline.TimelineLane.Remediation))).Items.Count.ShouldBe(3);
    }

    [SkippableFact]
    public async Task OverdueItems_NotifyTheirAssigneeOnce_AndShowOnTheCaseConsultantsDashboard()
    {
        var (caseId, _, _) = await MiningCaseAsync();
        var email = $"{Guid.NewGuid():N}@x.example";
        var consultant = await App.SendAsync(new CreateUserCommand(email, "Late Consultant", Password, Roles.Consultant, null), TestUser.Admin);
        await App.SendAsync(new CaseManager.Application.Cases.Commands.AssignConsultant.AssignConsultantCommand(caseId, consultant));
        var dashboard = new CaseManager.Application.Messages.Queries.GetMyDashboard.GetMyDashboardQuery();
        var me = new TestUser(consultant, email, Roles.Consultant);
        (await App.SendAsync(dashboard, me)).Cases.Single(c => c.Id == caseId).OverdueItems.ShouldBe(0);
        var item = (await App.SendAsync(new GetRemediationQuery(caseId))).Items.First();
        await App.SendAsync(new AssignRemediationItemCommand(item.Id, consultant, new DateOnly(2020, 1, 1)));

        for (var run = 0; run < 2; run++)
        {
            await App.InScopeAsync(async sp =>
            {
                await ActivatorUtilities.CreateInstance<CaseManager.Infrastructure.BackgroundJobs.MaintenanceJob<NotifyOverdueRemediationCommand, int>>(sp)
                    .RunAsync("Notify overdue remediation items", CancellationToken.None);
                return 0;
            });
        }

        var notes = await App.InDbAsync(db => db.Notifications.Where(n => n.UserId == consultant).Select(n => n.Kind).ToListAsync());
        notes.ShouldBe([NotificationKind.RemediationOverdue]);
        (await App.SendAsync(new GetRemediationQuery(caseId))).Items.Single(i => i.Id == item.Id).Overdue.ShouldBeTrue();
        var mine = (await App.SendAsync(dashboard, me)).Cases.Single(c => c.Id == caseId);
        (mine.OverdueItems, mine.NeedsAttention).ShouldBe((1, true));
    }
}

public sealed class RemediationOnSqliteTests(SqliteApp app) : RemediationTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class RemediationOnPostgresTests(PostgresApp app) : RemediationTests<PostgresApp>(app), IClassFixture<PostgresApp>;

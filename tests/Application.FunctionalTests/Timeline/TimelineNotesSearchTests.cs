using CaseManager.Application.Activity.Queries.GetCaseActivity;
using CaseManager.Application.Cases.Commands.ChangeCasePhase;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Notes.Commands.AddNote;
using CaseManager.Application.Notes.Commands.EditNote;
using CaseManager.Application.Notes.Queries.ListNotes;
using CaseManager.Application.Search.Queries.SearchCases;
using CaseManager.Application.Timeline;
using CaseManager.Application.Timeline.Commands.AddTimelineEvent;
using CaseManager.Application.Timeline.Commands.RemoveTimelineEvent;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Intake;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Application.FunctionalTests.Timeline;

/// <summary>Issue 12 items 4–6: the case timeline, notes, the activity feed and the search box, on each database.</summary>
public abstract class TimelineNotesSearchTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task ManualEvent_IsStored_ShownOnTheTimeline_AndInTheActivityFeed()
    {
        var (caseId, _) = await NewCaseAsync();
        var at = new DateTimeOffset(2026, 11, 20, 3, 14, 15, TimeSpan.Zero);

        var eventId = await App.SendAsync(new AddTimelineEventCommand(caseId, at, " web-srv-07 ", "  Attacker logged in over SSH with a stolen key ", AttackTactic.InitialAccess));

        var timeline = await App.SendAsync(new GetCaseTimelineQuery(caseId));
        var manual = timeline.Items.Single(i => i.Kind == TimelineItemKind.ManualEvent);
        manual.ManualId.ShouldBe(eventId);
        manual.At.ShouldBe(at);
        manual.Host.ShouldBe("web-srv-07");
        manual.Text.ShouldBe("Attacker logged in over SSH with a stolen key");
        manual.Tactic.ShouldBe(AttackTactic.InitialAccess);
        manual.By.ShouldBe(TestUser.Consultant.Name);
        timeline.Hosts.ShouldContain("web-srv-07");
        var activity = await App.SendAsync(new GetCaseActivityQuery(caseId));
        activity.ShouldContain(a => a.Kind == ActivityItemKind.TimelineEventAdded && a.Subject == manual.Text && a.Actor == TestUser.Consultant.Name);

        await App.SendAsync(new RemoveTimelineEventCommand(caseId, eventId));
        (await App.SendAsync(new GetCaseTimelineQuery(caseId))).Items.ShouldNotContain(i => i.Kind == TimelineItemKind.ManualEvent);
        (await App.SendAsync(new GetCaseActivityQuery(caseId))).ShouldContain(a => a.Kind == ActivityItemKind.TimelineEventRemoved);
    }

    [SkippableTheory]
    [InlineData("future")]
    [InlineData("1989")]
    [InlineData("empty")]
    [InlineData("missing")]
    [InlineData("tactic")]
    public async Task BadManualEvent_GetsAClearMessage_AndNothingIsStored(string bad)
    {
        var (caseId, _) = await NewCaseAsync();
        DateTimeOffset? at = bad switch
        {
            "future" => DateTimeOffset.UtcNow.AddHours(2),
            "1989" => new DateTimeOffset(1989, 12, 31, 23, 0, 0, TimeSpan.Zero),
            "missing" => null,
            _ => DateTimeOffset.UtcNow.AddDays(-1),
        };
        var text = bad == "empty" ? "   " : "Something happened";
        var tactic = bad == "tactic" ? (AttackTactic?)99 : null;

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddTimelineEventCommand(caseId, at, "h", text, tactic)));

        var message = ex.Errors.Values.SelectMany(m => m).ShouldHaveSingleItem();
        message.ShouldBe(bad switch
        {
            "future" => "The event's time lies in the future.",
            "1989" => "The event's time lies before 1990.",
            "empty" => "Say what happened.",
            "missing" => "Give the time the event happened (UTC).",
            _ => "Unknown ATT&CK tactic.",
        });
        (await App.InDbAsync(db => db.TimelineEvents.CountAsync(e => e.CaseId == new CaseId(caseId)))).ShouldBe(0);
        (await App.InDbAsync(db => db.Activity.CountAsync(e => e.CaseId == new CaseId(caseId)))).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Timeline_GathersIntakeCaseEvidenceAnalysisAndNotes_AndFilters()
    {
        var (caseId, _) = await NewCaseAsync(detectedAt: new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero));
        await App.InDbAsync(async db =>
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId));
            var intake = IntakeForm.StartFor(incident);
            intake.Save(IntakeData.Empty with { Timeline = new IntakeTimeline(new DateTime(2026, 11, 18, 22, 30, 0), null, null, "Asia/Shanghai") },
                null, submit: true, "client@test.local", savedByClient: true, DateTimeOffset.UtcNow);
            db.Intakes.Add(intake);
            var item = EvidenceItem.Register(incident, "triage-web07.tar.gz", EvidenceKind.TriageBundle, 10, new string('a', 64), new string('b', 40), new string('c', 32),
                "alice", "USB", DateTimeOffset.UtcNow);
            db.Evidence.Add(item);
            await db.SaveChangesAsync();
            db.Timeline.Add(new TimelineEntry(incident.Id, item.Id, TimelineEntryKind.ProcessStarted, 1_763_600_000L * 1_000_000_000, item.OriginalName, "web07", "xmrig (pid 4242) /tmp/.x/xmrig"));
            db.Timeline.Add(new TimelineEntry(incident.Id, item.Id, TimelineEntryKind.FirstTraffic, 1_763_500_000L * 1_000_000_000, "capture.pcap"));
            await db.SaveChangesAsync();
            return 0;
        });
        await App.SendAsync(new ChangeCasePhaseCommand(caseId, CasePhase.Classification, null));
        await App.SendAsync(new AddNoteCommand(caseId, "# Miner found\nxmrig runs from /tmp/.x"));

        var timeline = await App.SendAsync(new GetCaseTimelineQuery(caseId));

        var noticed = timeline.Items.Single(i => i.Kind == TimelineItemKind.FirstNoticed);
        noticed.At.ShouldBe(new DateTimeOffset(2026, 11, 18, 14, 30, 0, TimeSpan.Zero)); // 22:30 in Shanghai is 14:30 UTC
        noticed.Lane.ShouldBe(TimelineLane.Intake);
        timeline.Items.ShouldContain(i => i.Kind == TimelineItemKind.IntakeSubmitted);
        timeline.Items.ShouldContain(i => i.Kind == TimelineItemKind.CaseOpened);
        timeline.Items.Single(i => i.Kind == TimelineItemKind.Detected).At.ShouldBe(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero));
        timeline.Items.Single(i => i.Kind == TimelineItemKind.PhaseChanged).Value.ShouldBe(nameof(CasePhase.Classification));
        timeline.Items.Single(i => i.Kind == TimelineItemKind.EvidenceReceived).Text.ShouldBe("triage-web07.tar.gz");
        var process = timeline.Items.Single(i => i.Kind == TimelineItemKind.ProcessStarted);
        process.Host.ShouldBe("web07");
        process.Text.ShouldContain("xmrig (pid 4242)");
        process.At.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_763_600_000));
        timeline.Items.Single(i => i.Kind == TimelineItemKind.NoteWritten).Text.ShouldBe("Miner found");
        timeline.Items.Select(i => i.At).ShouldBeInOrder();

        var onHost = await App.SendAsync(new GetCaseTimelineQuery(caseId, Host: "WEB07"));
        onHost.Items.ShouldHaveSingleItem().Kind.ShouldBe(TimelineItemKind.ProcessStarted);
        onHost.Total.ShouldBe(timeline.Items.Count);
        (await App.SendAsync(new GetCaseTimelineQuery(caseId, Lane: TimelineLane.Intake))).Items.ShouldAllBe(i => i.Lane == TimelineLane.Intake);
        (await App.SendAsync(new GetCaseTimelineQuery(caseId, Text: "XMRIG"))).Items.Select(i => i.Kind)
            .ShouldBe([TimelineItemKind.ProcessStarted], ignoreOrder: true);
        var window = await App.SendAsync(new GetCaseTimelineQuery(caseId, From: new DateTimeOffset(2026, 11, 18, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2026, 11, 19, 12, 0, 0, TimeSpan.Zero)));
        window.Items.Select(i => i.Kind).ShouldBe([TimelineItemKind.FirstNoticed, TimelineItemKind.Detected]);

        var csv = TimelineCsv.Write(timeline, i => i.Kind.ToString());
        csv.Split("\r\n")[0].ShouldBe("time_utc,lane,kind,label,host,text,value,attack_tactic,by,evidence_id");
        csv.ShouldContain("2026-11-18T14:30:00.0000000Z,Intake,FirstNoticed");
    }

    [SkippableFact]
    public async Task Timeline_OfAnotherOrganisation_IsForbiddenToAClientUser()
    {
        var (caseId, clientId) = await NewCaseAsync();
        var app = App;
        await Should.ThrowAsync<ForbiddenAccessException>(() => app.SendAsync(new GetCaseTimelineQuery(caseId), TestUser.ClientOf(clientId)));
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new GetCaseTimelineQuery(Guid.NewGuid())));
    }

    [SkippableFact]
    public async Task Notes_AreSanitised_AndEditsKeepTheEarlierText()
    {
        var (caseId, _) = await NewCaseAsync();
        var noteId = await App.SendAsync(new AddNoteCommand(caseId,
            "**Miner** on web07 <script>alert(1)</script> [x](javascript:alert(2)) ![t](http://evil.example/t.png)\n\n| a | b |\n|---|---|\n| 矿机 | 2 |\n\n<img src=x onerror=alert(3)>"));

        var note = (await App.SendAsync(new ListNotesQuery(caseId))).ShouldHaveSingleItem();
        note.Html.ShouldContain("<strong>Miner</strong>");
        note.Html.ShouldContain("<table>");
        note.Html.ShouldContain("矿机");
        note.Html.ShouldNotContain("<script", Case.Insensitive);
        note.Html.ShouldNotContain("javascript:", Case.Insensitive);
        note.Html.ShouldNotMatch(@"<[^>]*\son\w+\s*=");      // no event handler attribute on any element (escaped text is harmless)
        note.Html.ShouldNotContain("<img", Case.Insensitive);
        note.Html.ShouldNotContain("evil.example/t.png\"", Case.Insensitive);
        note.CreatedBy.ShouldBe(TestUser.Consultant.Name);
        note.EditedAt.ShouldBeNull();

        await App.SendAsync(new EditNoteCommand(caseId, noteId, "Miner removed at 04:00"), TestUser.Admin);

        note = (await App.SendAsync(new ListNotesQuery(caseId))).ShouldHaveSingleItem();
        note.Markdown.ShouldBe("Miner removed at 04:00");
        note.EditedBy.ShouldBe(TestUser.Admin.Name);
        note.EditedAt.ShouldNotBeNull();
        var revision = note.Revisions.ShouldHaveSingleItem();
        revision.Markdown.ShouldStartWith("**Miner** on web07");
        revision.WrittenBy.ShouldBe(TestUser.Consultant.Name);
        var activity = await App.SendAsync(new GetCaseActivityQuery(caseId));
        activity.ShouldContain(a => a.Kind == ActivityItemKind.NoteAdded && a.Actor == TestUser.Consultant.Name);
        activity.ShouldContain(a => a.Kind == ActivityItemKind.NoteEdited && a.Actor == TestUser.Admin.Name);
        activity.ShouldContain(a => a.Kind == ActivityItemKind.CaseOpened);

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new AddNoteCommand(caseId, "  ")));
        ex.Errors.Values.SelectMany(m => m).ShouldContain("A note needs some text.");
        (await App.SendAsync(new ListNotesQuery(caseId))).Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Search_FindsCasesByNumberTitleClientHostAndIndicator_AndSaysWhatMatched()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (caseId, _) = await NewCaseAsync(title: $"Ransom {tag}", client: $"Acme {tag}");
        var host = $"db-{tag}";
        var ioc = $"{tag}.duckdns.org";
        await App.InDbAsync(async db =>
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(caseId));
            var intake = IntakeForm.StartFor(incident);
            intake.Save(IntakeData.Empty with { Hosts = [new AffectedHost(Guid.Empty, host, ["10.9.8.7"])] }, null, false, "t", false, DateTimeOffset.UtcNow);
            db.Intakes.Add(intake);
            var item = EvidenceItem.Register(incident, "c.pcap", EvidenceKind.Pcap, 1, new string('a', 64), new string('b', 40), new string('c', 32), "a", "b", DateTimeOffset.UtcNow);
            db.Evidence.Add(item);
            await db.SaveChangesAsync();
            db.EvidenceIndicators.Add(new EvidenceIndicator(item.Id, 1, IndicatorType.Domain, ioc, null, IndicatorRelevance.Malicious));
            await db.SaveChangesAsync();
            return 0;
        });
        var number = await App.InDbAsync(db => db.Cases.Where(c => c.Id == new CaseId(caseId)).Select(c => c.Number.Value).SingleAsync());

        (await FieldsAsync(number.ToLowerInvariant())).ShouldContain(SearchField.Number);
        (await FieldsAsync($"RANSOM {tag}")).ShouldContain(SearchField.Title);
        (await FieldsAsync($"acme {tag}")).ShouldContain(SearchField.Client);
        (await FieldsAsync(host.ToUpperInvariant())).ShouldBe([SearchField.Intake]);
        var byIoc = await App.SendAsync(new SearchCasesQuery(ioc.ToUpperInvariant()));
        var hit = byIoc.Cases.ShouldHaveSingleItem();
        hit.Id.ShouldBe(caseId);
        hit.Matches.ShouldHaveSingleItem().ShouldBe(new SearchMatchDto(SearchField.Indicator, ioc));
        (await App.SendAsync(new SearchCasesQuery("x"))).Cases.ShouldBeEmpty();
        (await App.SendAsync(new SearchCasesQuery($"nothing-{tag}"))).Cases.ShouldBeEmpty();
        var app = App;
        await Should.ThrowAsync<ForbiddenAccessException>(() => app.SendAsync(new SearchCasesQuery(tag), TestUser.ClientOf(Guid.NewGuid())));

        async Task<List<SearchField>> FieldsAsync(string term) =>
            (await App.SendAsync(new SearchCasesQuery(term))).Cases.Single(c => c.Id == caseId).Matches.Select(m => m.Field).ToList();
    }

    private async Task<(Guid CaseId, Guid ClientId)> NewCaseAsync(string? title = null, string? client = null, DateTimeOffset? detectedAt = null)
    {
        var clientId = await App.SendAsync(new CreateClientCommand(client ?? Unique("Timeline client"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, title ?? "Timeline case", null, Severity.High, TrafficLightProtocol.Amber, DetectedAt: detectedAt));
        return (caseId, clientId);
    }
}

public sealed class TimelineNotesSearchOnSqliteTests(SqliteApp app) : TimelineNotesSearchTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TimelineNotesSearchOnPostgresTests(PostgresApp app) : TimelineNotesSearchTests<PostgresApp>(app), IClassFixture<PostgresApp>;

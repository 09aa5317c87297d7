using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Cases.Commands.AssignConsultant;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Cases.Queries.GetCaseDashboard;
using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Messages.Commands.MarkCaseSeen;
using CaseManager.Application.Messages.Commands.PostCaseMessage;
using CaseManager.Application.Messages.Queries.GetMyDashboard;
using CaseManager.Application.Messages.Queries.ListCaseMessages;
using CaseManager.Application.Notifications.Queries.CountMyUnreadNotifications;
using CaseManager.Application.Notifications.Queries.ListMyNotifications;
using CaseManager.Application.Portal.Queries.GetMyCaseOverview;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;
using CaseManager.Domain.Notifications;

namespace CaseManager.Application.FunctionalTests.Messages;

/// <summary>
/// Issue #17: the case message thread (both directions notified, tenants apart), the consultant's "since I last
/// looked" dashboard, the case list's dashboard counts and the case-list search, on SQLite and PostgreSQL.
/// </summary>
public abstract class MessagesAndDashboardTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task ClientAndConsultant_WriteToEachOther_AndEachSideIsNotified()
    {
        var (clientId, caseId, consultant, clientUser) = await CaseWithPeopleAsync();

        await App.SendAsync(new PostCaseMessageCommand(caseId, "  Which hosts did you isolate?  "), consultant);
        var clientInbox = await App.SendAsync(new ListMyNotificationsQuery(UnreadOnly: true), clientUser);
        clientInbox.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.MessageReceived);
        (await App.SendAsync(new CountMyUnreadNotificationsQuery(), clientUser)).ShouldBe(1);

        await App.SendAsync(new PostCaseMessageCommand(caseId, "web-01 and db-02, at 03:10."), clientUser);
        var consultantInbox = await App.SendAsync(new ListMyNotificationsQuery(UnreadOnly: true), consultant);
        consultantInbox.Where(n => n.Kind == NotificationKind.MessageReceived).ShouldHaveSingleItem().CaseId.ShouldBe(caseId);

        var thread = await App.SendAsync(new ListCaseMessagesQuery(caseId), clientUser);
        thread.Select(m => (m.Body, m.FromClient, m.Mine)).ShouldBe([("Which hosts did you isolate?", false, false), ("web-01 and db-02, at 03:10.", true, true)]);
        thread[0].AuthorName.ShouldBe("Dana Consultant");

        // Reading the thread clears the reader's message notifications of that case.
        (await App.SendAsync(new ListMyNotificationsQuery(UnreadOnly: true), clientUser)).ShouldBeEmpty();
        (await App.SendAsync(new CountMyUnreadNotificationsQuery(), clientUser)).ShouldBe(0);
        (await App.SendAsync(new CountMyUnreadNotificationsQuery(), consultant)).ShouldBe(consultantInbox.Count);
        _ = clientId;
    }

    [SkippableFact]
    public async Task ClientUser_CannotReadOrWriteAnotherOrganisationsThread()
    {
        var (_, caseA, consultant, _) = await CaseWithPeopleAsync();
        await App.SendAsync(new PostCaseMessageCommand(caseA, "For A only"), consultant);
        var otherClient = await App.SendAsync(new CreateClientCommand(Unique("Other org"), null, null, []));
        var intruder = TestUser.ClientOf(otherClient);

        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new ListCaseMessagesQuery(caseA), intruder));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new PostCaseMessageCommand(caseA, "Hello?"), intruder));
        (await App.SendAsync(new ListCaseMessagesQuery(caseA), consultant)).ShouldHaveSingleItem().Body.ShouldBe("For A only");
    }

    [SkippableFact]
    public async Task EmptyOrOverlongMessage_IsAFieldError()
    {
        var (_, caseId, consultant, _) = await CaseWithPeopleAsync();

        var empty = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new PostCaseMessageCommand(caseId, "   "), consultant));
        empty.Errors.Keys.ShouldContain("Body");
        var tooLong = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new PostCaseMessageCommand(caseId, new string('x', 4001)), consultant));
        tooLong.Errors["Body"].ShouldContain("A message is at most 4,000 characters long.");
        (await App.SendAsync(new ListCaseMessagesQuery(caseId), consultant)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Dashboard_ListsWhatChangedSinceTheConsultantLastLooked()
    {
        var (_, caseId, consultant, clientUser) = await CaseWithPeopleAsync();

        var first = (await App.SendAsync(new GetMyDashboardQuery(), consultant)).Cases.ShouldHaveSingleItem();
        (first.Id, first.LastSeen, first.Changed).ShouldBe((caseId, null, false));

        await App.SendAsync(new MarkCaseSeenCommand(caseId), consultant);
        var seen = (await App.SendAsync(new GetMyDashboardQuery(), consultant)).Cases.Single();
        seen.LastSeen.ShouldNotBeNull();
        seen.Changed.ShouldBeFalse();

        await App.SendAsync(new PostCaseMessageCommand(caseId, "We found a ransom note."), clientUser);
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Client Person") }, null, Submit: false), clientUser);
        await App.SendAsync(new PostCaseMessageCommand(caseId, "Noted, thanks."), consultant);

        var changed = (await App.SendAsync(new GetMyDashboardQuery(), consultant)).Cases.Single();
        (changed.ClientMessages, changed.ClientIntakeEdits, changed.NewEvidence, changed.FinishedAnalyses).ShouldBe((1, 1, 0, 0));

        await App.SendAsync(new MarkCaseSeenCommand(caseId), consultant);
        (await App.SendAsync(new GetMyDashboardQuery(), consultant)).Cases.Single().Changed.ShouldBeFalse();

        // Another consultant's view is their own: not assigned, so not on their dashboard.
        (await App.SendAsync(new GetMyDashboardQuery(), TestUser.Consultant)).Cases.ShouldNotContain(c => c.Id == caseId);
    }

    [SkippableFact]
    public async Task PortalOverview_SaysWhatIsAskedOfTheClient()
    {
        var (_, caseId, _, clientUser) = await CaseWithPeopleAsync();

        var fresh = await App.SendAsync(new GetMyCaseOverviewQuery(caseId), clientUser);
        (fresh.IntakeStatus, fresh.UploadsAllowed, fresh.EvidenceCount).ShouldBe((null, false, 0));

        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Client Person") }, null, Submit: false), clientUser);
        await App.SendAsync(new CaseManager.Application.Cases.Commands.AllowClientUploads.AllowClientUploadsCommand(caseId, true));
        var later = await App.SendAsync(new GetMyCaseOverviewQuery(caseId), clientUser);
        (later.IntakeStatus, later.UploadsAllowed).ShouldBe((IntakeStatus.Draft, true));
    }

    [SkippableFact]
    public async Task CaseListDashboard_CountsOpenCasesByPhaseSeverityAndClient()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Dashboard"), null, null, []));
        await App.SendAsync(new OpenCaseCommand(clientId, "One", null, Severity.Critical, TrafficLightProtocol.Red));
        await App.SendAsync(new OpenCaseCommand(clientId, "Two", null, Severity.Critical, TrafficLightProtocol.Red));
        var closed = await App.SendAsync(new OpenCaseCommand(clientId, "Three", null, Severity.Low, TrafficLightProtocol.Red));
        await App.SendAsync(new CaseManager.Application.Cases.Commands.ChangeCasePhase.ChangeCasePhaseCommand(closed, CasePhase.Closed, "Duplicate"));

        var dashboard = await App.SendAsync(new GetCaseDashboardQuery());

        dashboard.Breakdowns.Select(b => b.Dimension).ShouldBe([CaseBreakdown.Phase, CaseBreakdown.Severity, CaseBreakdown.Client, CaseBreakdown.Type]);
        var byClient = dashboard.Breakdowns.Single(b => b.Dimension == CaseBreakdown.Client).Counts;
        var all = await App.SendAsync(new ListCasesQuery(PageSize: 100));
        if (byClient.Any(c => c.Key == clientId.ToString()))
        {
            byClient.Single(c => c.Key == clientId.ToString()).Count.ShouldBe(2);
        }

        dashboard.Breakdowns.Single(b => b.Dimension == CaseBreakdown.Phase).Counts.ShouldNotContain(c => c.Key == nameof(CasePhase.Closed));
        dashboard.Breakdowns.ShouldAllBe(b => b.Counts.Sum(c => c.Count) == dashboard.OpenCases);
        dashboard.OpenCases.ShouldBe(all.TotalCount - (await App.SendAsync(new ListCasesQuery(Phase: CasePhase.Closed, PageSize: 100))).TotalCount);
    }

    [SkippableFact]
    public async Task CaseListSearch_FindsClientName_Description_AndIntakeHostsAndAddresses()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var clientId = await App.SendAsync(new CreateClientCommand($"Acme {marker} Holdings", null, null, []));
        var byClient = await App.SendAsync(new OpenCaseCommand(clientId, "Phishing", null, Severity.Low, TrafficLightProtocol.Green));
        var byDescription = await App.SendAsync(new OpenCaseCommand(clientId, "Miner", $"Seen on the build farm {marker}x", Severity.Low, TrafficLightProtocol.Green));
        var byIntake = await App.SendAsync(new OpenCaseCommand(clientId, "Ransomware", null, Severity.High, TrafficLightProtocol.Green));
        var host = new AffectedHost(Guid.NewGuid(), Hostname: $"FS-{marker}-01", IpAddresses: ["10.77.3.201"]);
        await App.SendAsync(new SaveIntakeCommand(byIntake, IntakeData.Empty with { Hosts = [host] }, null, Submit: false));

        (await SearchAsync($"acme {marker}")).ShouldBe([byClient, byDescription, byIntake], ignoreOrder: true);
        (await SearchAsync($"FARM {marker}X")).ShouldBe([byDescription]);
        (await SearchAsync($"fs-{marker}")).ShouldBe([byIntake]);
        (await SearchAsync("10.77.3.201")).ShouldBe([byIntake]);
        (await SearchAsync("50% off")).ShouldBeEmpty();
    }

    private async Task<IReadOnlyList<Guid>> SearchAsync(string term) =>
        (await App.SendAsync(new ListCasesQuery(Search: term, PageSize: 100))).Items.Select(c => c.Id).ToList();

    private async Task<(Guid ClientId, Guid CaseId, TestUser Consultant, TestUser ClientUser)> CaseWithPeopleAsync()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Messages"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Ransom note on the file server", null, Severity.High, TrafficLightProtocol.Amber));
        var consultantId = await App.SendAsync(
            new CreateUserCommand($"{Guid.NewGuid():N}@staff.example", "Dana Consultant", "Str0ng!Password-x", Roles.Consultant, null), TestUser.Admin);
        var clientUserId = await App.SendAsync(
            new CreateUserCommand($"{Guid.NewGuid():N}@client.example", "Chris Client", "Str0ng!Password-x", Roles.Client, clientId), TestUser.Admin);
        await App.SendAsync(new AssignConsultantCommand(caseId, consultantId));
        return (clientId, caseId, new TestUser(consultantId, "dana", Roles.Consultant), new TestUser(clientUserId, "chris", Roles.Client, clientId));
    }
}

public sealed class MessagesAndDashboardOnSqliteTests(SqliteApp app) : MessagesAndDashboardTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class MessagesAndDashboardOnPostgresTests(PostgresApp app) : MessagesAndDashboardTests<PostgresApp>(app), IClassFixture<PostgresApp>;

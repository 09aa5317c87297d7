using CaseManager.Application.Cases.Commands.ChangeCasePhase;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Cases.Commands.UpdateCase;
using CaseManager.Application.Cases.Queries.GetCaseDetails;
using CaseManager.Application.Cases.Queries.ListCases;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Notifications.Commands.NotifyAssignedConsultant;
using CaseManager.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Application.FunctionalTests.Cases;

public abstract class CaseCommandsTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task OpenCase_WithValidInput_AssignsNumberAndRecordsIntakeInHistory()
    {
        var clientId = await NewClientAsync();

        var id = await App.SendAsync(new OpenCaseCommand(clientId, "Mining on web01", "CPU at 100 %", Severity.High, TrafficLightProtocol.AmberStrict));

        var details = await App.SendAsync(new GetCaseDetailsQuery(id));
        details.Number.ShouldMatch($@"^IR-{DateTime.UtcNow.Year}-\d{{4}}$");
        details.Title.ShouldBe("Mining on web01");
        details.Tlp.ShouldBe(TrafficLightProtocol.AmberStrict);
        details.Phase.ShouldBe(CasePhase.Intake);
        var opened = details.History.ShouldHaveSingleItem();
        opened.From.ShouldBeNull();
        opened.To.ShouldBe(CasePhase.Intake);
        opened.ChangedBy.ShouldBe(TestUser.Consultant.Name);
        details.CreatedBy.ShouldBe(TestUser.Consultant.Name);
    }

    [SkippableFact]
    public async Task OpenCase_WithUnknownClient_ThrowsNotFound()
    {
        var app = App;
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new OpenCaseCommand(Guid.NewGuid(), "Orphan", null, Severity.Low, TrafficLightProtocol.Green)));
    }

    [SkippableFact]
    public async Task OpenCase_WithInvalidInput_ReportsEveryFieldAndSavesNothing()
    {
        var clientId = await NewClientAsync();
        var before = await CountCasesAsync(clientId);

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new OpenCaseCommand(
            clientId,
            new string('x', IncidentCase.TitleMaxLength + 1),
            null,
            (Severity)42,
            TrafficLightProtocol.Red,
            DetectedAt: DateTimeOffset.UtcNow.AddDays(2))));

        ex.Errors.Keys.ShouldBe(["Title", "Severity", "DetectedAt"], ignoreOrder: true);
        (await CountCasesAsync(clientId)).ShouldBe(before);
    }

    [SkippableFact]
    public async Task OpenCase_ReportedBeforeDetected_IsRejected()
    {
        var clientId = await NewClientAsync();
        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new OpenCaseCommand(
            clientId, "Dates", null, Severity.Low, TrafficLightProtocol.Green,
            DetectedAt: DateTimeOffset.UtcNow.AddDays(-1), ReportedAt: DateTimeOffset.UtcNow.AddDays(-2))));
        ex.Errors.ShouldContainKey("ReportedAt");
    }

    [SkippableFact]
    public async Task OpenCase_InParallel_GivesDistinctConsecutiveNumbers()
    {
        var clientId = await NewClientAsync();
        const int count = 24;

        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(() =>
            App.SendAsync(new OpenCaseCommand(clientId, $"Parallel {i}", null, Severity.Medium, TrafficLightProtocol.Amber)))));

        var numbers = await App.InDbAsync(db => db.Cases.Where(c => ids.Select(id => new CaseId(id)).Contains(c.Id)).Select(c => c.Number).ToListAsync());
        numbers.Count.ShouldBe(count);
        numbers.Distinct().Count().ShouldBe(count);
        var sequence = numbers.Select(n => int.Parse(n.Value[8..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        (sequence[^1] - sequence[0]).ShouldBe(count - 1, "numbers handed out in parallel leave no gaps when every case is saved");
    }

    [SkippableFact]
    public async Task ChangePhase_Forward_RecordsWhoWhenFromToAndComment()
    {
        var id = await NewCaseAsync();

        await App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Classification, "Confirmed: mining"));

        var details = await App.SendAsync(new GetCaseDetailsQuery(id));
        details.Phase.ShouldBe(CasePhase.Classification);
        var change = details.History[^1];
        (change.From, change.To, change.Comment, change.ChangedBy).ShouldBe((CasePhase.Intake, CasePhase.Classification, "Confirmed: mining", TestUser.Consultant.Name));
        change.ChangedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [SkippableFact]
    public async Task ChangePhase_SkippingAPhase_IsRejectedAndNothingRecorded()
    {
        var id = await NewCaseAsync();

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Analysis, null)));

        ex.Errors.ShouldContainKey("To");
        (await App.SendAsync(new GetCaseDetailsQuery(id))).History.Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task ChangePhase_BackWithoutComment_IsRejected_WithComment_IsRecorded()
    {
        var id = await NewCaseAsync();
        await App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Classification, null));

        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Intake, " ")));
        await App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Intake, "Client sent more hosts"));

        var details = await App.SendAsync(new GetCaseDetailsQuery(id));
        details.Phase.ShouldBe(CasePhase.Intake);
        details.History.Select(h => h.To).ShouldBe([CasePhase.Intake, CasePhase.Classification, CasePhase.Intake]);
    }

    [SkippableFact]
    public async Task CloseEarly_WithComment_SetsClosedAt_AndReopenClearsIt()
    {
        var id = await NewCaseAsync();

        await App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Closed, "Not a security event: a failing disk"));
        (await App.SendAsync(new GetCaseDetailsQuery(id))).ClosedAt.ShouldNotBeNull();

        await App.SendAsync(new ChangeCasePhaseCommand(id, CasePhase.Analysis, "New evidence"));
        (await App.SendAsync(new GetCaseDetailsQuery(id))).ClosedAt.ShouldBeNull();
    }

    [SkippableFact]
    public async Task UpdateCase_ChangesDetailsAndKeyDates_AndStampsUpdatedBy()
    {
        var id = await NewCaseAsync();
        var detected = new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

        await App.SendAsync(
            new UpdateCaseCommand(id, "Ransomware on FS01", "LockBit note", Severity.Critical, TrafficLightProtocol.Red, detected, detected.AddHours(5), detected.AddHours(6)),
            TestUser.Admin);

        var details = await App.SendAsync(new GetCaseDetailsQuery(id));
        (details.Title, details.Severity, details.Tlp).ShouldBe(("Ransomware on FS01", Severity.Critical, TrafficLightProtocol.Red));
        details.DetectedAt.ShouldBe(detected);
        details.EngagedAt.ShouldBe(detected.AddHours(6));
        details.UpdatedBy.ShouldBe(TestUser.Admin.Name);
        details.CreatedBy.ShouldBe(TestUser.Consultant.Name);
    }

    [SkippableFact]
    public async Task ListCases_FiltersSearchesAndPages()
    {
        var clientId = await NewClientAsync();
        var marker = Guid.NewGuid().ToString("N")[..10];
        for (var i = 0; i < 5; i++)
        {
            await App.SendAsync(new OpenCaseCommand(clientId, $"Webshell {marker} {i}", null, i < 2 ? Severity.Critical : Severity.Low, TrafficLightProtocol.Green));
        }

        var critical = await App.SendAsync(new ListCasesQuery(ClientId: clientId, Severity: Severity.Critical));
        critical.TotalCount.ShouldBe(2);

        var search = await App.SendAsync(new ListCasesQuery(Search: marker.ToUpperInvariant(), PageSize: 2, Page: 3));
        (search.TotalCount, search.TotalPages, search.Items.Count).ShouldBe((5, 3, 1));

        var byNumber = await App.SendAsync(new ListCasesQuery(Search: critical.Items[0].Number.ToLowerInvariant()));
        byNumber.Items.ShouldHaveSingleItem().Id.ShouldBe(critical.Items[0].Id);

        var inAnalysis = await App.SendAsync(new ListCasesQuery(ClientId: clientId, Phase: CasePhase.Analysis));
        inAnalysis.TotalCount.ShouldBe(0);
    }

    [SkippableFact]
    public async Task Anonymous_SendingAStaffCommand_IsRejected()
    {
        var app = App;
        await Should.ThrowAsync<UnauthorizedAccessException>(() => app.SendAnonymousAsync(new CreateClientCommand("Anon", null, null, [])));
    }

    [SkippableFact]
    public async Task ClientUser_SendingAStaffQuery_IsForbidden()
    {
        var id = await NewCaseAsync();
        var details = await App.SendAsync(new GetCaseDetailsQuery(id));

        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new GetCaseDetailsQuery(id), TestUser.ClientOf(details.ClientId)));
    }

    [SkippableFact]
    public async Task User_SendingASystemCommand_IsForbidden()
    {
        var id = await NewCaseAsync();
        await Should.ThrowAsync<ForbiddenAccessException>(() =>
            App.SendAsync(new NotifyAssignedConsultantCommand(id, "someone"), TestUser.Admin));
    }

    private Task<Guid> NewClientAsync() => App.SendAsync(new CreateClientCommand(Unique("Client"), "Energy", null, []));

    private async Task<Guid> NewCaseAsync() =>
        await App.SendAsync(new OpenCaseCommand(await NewClientAsync(), "Botnet C2 beacon", null, Severity.Medium, TrafficLightProtocol.Amber));

    private Task<int> CountCasesAsync(Guid clientId) =>
        App.InDbAsync(db => db.Cases.CountAsync(c => c.ClientId == new Domain.Clients.ClientId(clientId)));
}

public sealed class CaseCommandsOnSqliteTests(SqliteApp app) : CaseCommandsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CaseCommandsOnPostgresTests(PostgresApp app) : CaseCommandsTests<PostgresApp>(app), IClassFixture<PostgresApp>;

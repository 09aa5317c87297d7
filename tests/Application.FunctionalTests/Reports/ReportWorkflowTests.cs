using System.Security.Cryptography;
using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Clients.Commands.UpdateClient;
using CaseManager.Application.Notifications.Queries.ListMyNotifications;
using CaseManager.Application.Reports.Commands.ApproveReport;
using CaseManager.Application.Reports.Commands.GenerateReportDraft;
using CaseManager.Application.Reports.Commands.GetReportFile;
using CaseManager.Application.Reports.Commands.RegenerateReportDraft;
using CaseManager.Application.Reports.Commands.RetractReport;
using CaseManager.Application.Reports.Commands.ReturnReport;
using CaseManager.Application.Reports.Commands.SubmitReportForReview;
using CaseManager.Application.Reports.Commands.UpdateReportNarrative;
using CaseManager.Application.Reports.Queries.ListReports;
using CaseManager.Application.Timeline;
using CaseManager.Application.Timeline.Queries.GetCaseTimeline;
using CaseManager.Domain.Audit;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;
using CaseManager.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseManager.Application.FunctionalTests.Reports;

/// <summary>
/// Issue 14, the report workflow on SQLite and PostgreSQL: the reviewer rule, immutable published versions (bytes and
/// SHA-256), retraction, what a client may see and download, download records, notifications and validation. The
/// renderer behind it is whatever IReportGenerator is registered: these tests never look inside the files.
/// </summary>
public abstract class ReportWorkflowTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    private static readonly TestUser Reviewer = new("consultant-2", "reviewer@test.local", Roles.Consultant);

    [SkippableFact]
    public async Task Author_CannotApproveNorReturnTheirOwnReport_AnotherConsultantPublishesIt()
    {
        var (caseId, _, _) = await CaseAsync();
        var created = await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "## Summary", "Patch."));
        created.Version.ShouldBe(1);
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, 1));

        var refused = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ApproveReportCommand(caseId, 1)));
        refused.Errors["Version"].ShouldContain("You wrote or submitted this version: another consultant must review and approve it.");
        (await ListAsync(caseId)).Single().State.ShouldBe(ReportState.InReview);
        (await ListAsync(caseId, Reviewer)).Single().MayApprove.ShouldBeTrue();
        (await ListAsync(caseId)).Single().MayApprove.ShouldBeFalse();

        var ownReturn = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ReturnReportCommand(caseId, 1, "Withdrawn: wrong host list.")));
        ownReturn.Errors["Comments"].ShouldContain(CaseReport.OwnVersionReturnRefused);
        var stillInReview = (await ListAsync(caseId)).Single();
        (stillInReview.State, stillInReview.History.Count).ShouldBe((ReportState.InReview, 2));

        await App.SendAsync(new ApproveReportCommand(caseId, 1), Reviewer);
        var published = (await ListAsync(caseId)).Single();
        (published.State, published.ReviewerName, published.PublishedAt is not null).ShouldBe((ReportState.Published, "reviewer@test.local", true));
    }

    [SkippableFact]
    public async Task PublishedVersion_NeverChanges_AndANewDraftGetsTheNextVersion()
    {
        var (caseId, _, _) = await CaseAsync();
        await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "First", null));
        var draft = (await ListAsync(caseId)).Single();

        // A draft can be regenerated and edited: its files are replaced.
        await App.SendAsync(new UpdateReportNarrativeCommand(caseId, 1, "Second wording", "Rotate keys."));
        await App.SendAsync(new RegenerateReportDraftCommand(caseId, 1, "zh-CN"));
        var edited = (await ListAsync(caseId)).Single();
        (edited.ExecutiveSummary, edited.Language, edited.State).ShouldBe(("Second wording", "zh-CN", ReportState.Draft));
        edited.GeneratedAt.ShouldBeGreaterThanOrEqualTo(draft.GeneratedAt);

        await App.SendAsync(new SubmitReportForReviewCommand(caseId, 1));
        var reviewed = (await ListAsync(caseId)).Single();
        await ShouldRefuseChangesAsync(caseId, 1);
        await App.SendAsync(new ApproveReportCommand(caseId, 1), Reviewer);
        await ShouldRefuseChangesAsync(caseId, 1);

        var published = (await ListAsync(caseId)).Single();
        (published.PdfSha256, published.HtmlSha256, published.GeneratedAt).ShouldBe((reviewed.PdfSha256, reviewed.HtmlSha256, reviewed.GeneratedAt));
        var pdf = await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, "198.51.100.1"));
        var html = await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Html, "198.51.100.1"));
        Convert.ToHexStringLower(SHA256.HashData(pdf.Content)).ShouldBe(published.PdfSha256);
        Convert.ToHexStringLower(SHA256.HashData(html.Content)).ShouldBe(published.HtmlSha256);
        pdf.Content.Length.ShouldBe((int)published.PdfSize);

        var next = await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "Update after re-collection", null));
        next.Version.ShouldBe(2);
        var versions = await ListAsync(caseId);
        versions.Select(v => (v.Version, v.State)).ShouldBe([(2, ReportState.Draft), (1, ReportState.Published)]);
        (versions[1].PdfSha256, versions[1].HtmlSha256).ShouldBe((published.PdfSha256, published.HtmlSha256));
        Convert.ToHexStringLower(SHA256.HashData((await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, null))).Content)).ShouldBe(published.PdfSha256);
    }

    [SkippableFact]
    public async Task ReturnedReport_KeepsTheComments_AndCanBeEditedAndSubmittedAgain()
    {
        var (caseId, _, _) = await CaseAsync();
        await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "Draft", null));
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, 1));

        var empty = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ReturnReportCommand(caseId, 1, "  "), Reviewer));
        empty.Errors.Keys.ShouldContain("Comments");
        await App.SendAsync(new ReturnReportCommand(caseId, 1, "Name the affected hosts in the summary."), Reviewer);
        (await ListAsync(caseId)).Single().State.ShouldBe(ReportState.Returned);

        await App.SendAsync(new UpdateReportNarrativeCommand(caseId, 1, "web-01 and db-02 were affected.", null));
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, 1));
        await App.SendAsync(new ApproveReportCommand(caseId, 1), Reviewer);

        var history = (await ListAsync(caseId)).Single().History;
        history.Select(h => h.Action).ShouldBe([ReportAction.Generated, ReportAction.Submitted, ReportAction.Returned, ReportAction.NarrativeEdited, ReportAction.Submitted, ReportAction.Published]);
        history.Single(h => h.Action == ReportAction.Returned).Text.ShouldBe("Name the affected hosts in the summary.");
    }

    [SkippableFact]
    public async Task Client_SeesOnlyPublishedReportsOfItsOwnOrganisation_AndRetractionHidesThemAgain()
    {
        var (caseId, clientUser, _) = await CaseAsync();
        await PublishAsync(caseId);                                                        // v1 published
        await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "Draft v2", null)); // v2 draft
        await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "Draft v3", null));
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, 3));                  // v3 in review

        (await ListAsync(caseId, clientUser)).Select(v => v.Version).ShouldBe([1]);
        (await ListAsync(caseId, clientUser)).Single().ExecutiveSummary.ShouldBeNull();
        (await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, "203.0.113.7"), clientUser)).FileName.ShouldEndWith("-report-v1-en.pdf");
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetReportFileCommand(caseId, 2, ReportFormat.Pdf, null), clientUser));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetReportFileCommand(caseId, 3, ReportFormat.Html, null), clientUser));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetReportFileCommand(caseId, 9, ReportFormat.Pdf, null), clientUser));

        // Another organisation's user: the case does not exist.
        var other = await App.SendAsync(new CreateClientCommand(Unique("Other org"), null, null, []));
        var intruder = TestUser.ClientOf(other);
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new ListReportsQuery(caseId), intruder));
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, null), intruder));

        // Retracted: gone for the client, kept (with the reason) for staff.
        var noReason = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new RetractReportCommand(caseId, 1, "")));
        noReason.Errors.Keys.ShouldContain("Reason");
        await App.SendAsync(new RetractReportCommand(caseId, 1, "Wrong host list."));
        (await ListAsync(caseId, clientUser)).ShouldBeEmpty();
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, null), clientUser));
        var retracted = (await ListAsync(caseId)).Single(v => v.Version == 1);
        (retracted.State, retracted.RetractionReason).ShouldBe((ReportState.Retracted, "Wrong host list."));
        (await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, null))).Sha256.ShouldBe(retracted.PdfSha256);
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new RegenerateReportDraftCommand(caseId, 1)));
    }

    [SkippableFact]
    public async Task PublishingAndRetracting_AddCaseTimelineEntries_InTheReportLane()
    {
        var (caseId, _, _) = await CaseAsync();
        await PublishAsync(caseId);                                                               // v1 (en)
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new RetractReportCommand(caseId, 1, " ")));
        await App.SendAsync(new RetractReportCommand(caseId, 1, "Wrong host list."));
        var v2 = await App.SendAsync(new GenerateReportDraftCommand(caseId, "zh-CN", "摘要", null));
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, v2.Version));
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new ApproveReportCommand(caseId, v2.Version)));  // refused: nothing added
        await App.SendAsync(new ApproveReportCommand(caseId, v2.Version), Reviewer);

        var timeline = await App.SendAsync(new GetCaseTimelineQuery(caseId, Lane: TimelineLane.Report));
        timeline.Items.Select(i => (i.Kind, i.Text, i.By)).ShouldBe(
        [
            (TimelineItemKind.ReportPublished, "v1 (en)", "reviewer@test.local"),
            (TimelineItemKind.ReportRetracted, "v1 (en) — Wrong host list.", TestUser.Consultant.Name),
            (TimelineItemKind.ReportPublished, "v2 (zh-CN)", "reviewer@test.local"),
        ]);
        timeline.Items.ShouldAllBe(i => i.Lane == TimelineLane.Report);
        (await App.SendAsync(new GetCaseTimelineQuery(caseId))).Items.Count(i => i.Lane == TimelineLane.Report).ShouldBe(3);
    }

    [SkippableFact]
    public async Task EveryDownload_IsRecordedWithWhoWhenAndWhere_AndAudited()
    {
        var (caseId, clientUser, _) = await CaseAsync();
        await PublishAsync(caseId);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Pdf, "203.0.113.7"), clientUser);
        await App.SendAsync(new GetReportFileCommand(caseId, 1, ReportFormat.Html, "198.51.100.20"));

        var report = (await ListAsync(caseId)).Single();
        var downloads = report.Downloads;
        downloads.Count.ShouldBe(2);
        var byClient = downloads.Single(d => d.ByClient);
        (byClient.Format, byClient.IpAddress, byClient.UserName).ShouldBe((ReportFormat.Pdf, "203.0.113.7", "Chris Client"));
        byClient.At.ShouldBeGreaterThan(before);
        var byStaff = downloads.Single(d => !d.ByClient);
        (byStaff.Format, byStaff.IpAddress).ShouldBe((ReportFormat.Html, "198.51.100.20"));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaseManager.Application.Common.Interfaces.IApplicationDbContext>();
        var types = await db.AuditEntries.AsNoTracking().Where(e => e.Target == "report:" + report.Id).Select(e => new { e.EventType, e.IpAddress }).ToListAsync();
        types.Count(t => t.EventType == AuditEventTypes.ReportDownloaded).ShouldBeGreaterThanOrEqualTo(2);
        types.ShouldContain(t => t.EventType == AuditEventTypes.ReportDownloaded && t.IpAddress == "203.0.113.7");
        types.ShouldContain(t => t.EventType == AuditEventTypes.ReportPublished);
    }

    [SkippableFact]
    public async Task Publishing_NotifiesTheClientOrganisationsUsers()
    {
        var (caseId, clientUser, otherClientUser) = await CaseAsync();
        await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", null, null));
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, 1));
        (await App.SendAsync(new ListMyNotificationsQuery(UnreadOnly: true), clientUser)).ShouldNotContain(n => n.Kind == NotificationKind.ReportPublished);

        await App.SendAsync(new ApproveReportCommand(caseId, 1), Reviewer);

        (await App.SendAsync(new ListMyNotificationsQuery(UnreadOnly: true), clientUser))
            .ShouldHaveSingleItem().ShouldSatisfyAllConditions(n => n.Kind.ShouldBe(NotificationKind.ReportPublished), n => n.CaseId.ShouldBe(caseId));
        (await App.SendAsync(new ListMyNotificationsQuery(UnreadOnly: true), otherClientUser)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Language_DefaultsToTheClientsPreference_AndBadInputIsAFieldErrorWithNothingStored()
    {
        var (caseId, _, _) = await CaseAsync(preferredLanguage: "zh-CN");

        var badLanguage = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new GenerateReportDraftCommand(caseId, "fr", null, null)));
        badLanguage.Errors["Language"].ShouldContain("Unknown report language: use \"en\" (English) or \"zh-CN\" (Simplified Chinese).");
        var tooLong = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new GenerateReportDraftCommand(caseId, "en", new string('x', 50_001), null)));
        tooLong.Errors["ExecutiveSummary"].ShouldContain("A narrative section is at most 50,000 characters long.");
        (await ListAsync(caseId)).ShouldBeEmpty();

        var created = await App.SendAsync(new GenerateReportDraftCommand(caseId, null, null, null));
        created.Language.ShouldBe("zh-CN");
        await Should.ThrowAsync<NotFoundException>(() => App.SendAsync(new GenerateReportDraftCommand(Guid.NewGuid(), "en", null, null)));
        await Should.ThrowAsync<ForbiddenAccessException>(() => App.SendAsync(new GenerateReportDraftCommand(caseId, "en", null, null), TestUser.ClientOf(Guid.NewGuid())));
    }

    private async Task ShouldRefuseChangesAsync(Guid caseId, int version)
    {
        var regenerate = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new RegenerateReportDraftCommand(caseId, version)));
        regenerate.Errors["Version"].Single().ShouldContain("its files never change");
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateReportNarrativeCommand(caseId, version, "Changed after review", null)));
        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new SubmitReportForReviewCommand(caseId, version)));
    }

    private async Task PublishAsync(Guid caseId)
    {
        var created = await App.SendAsync(new GenerateReportDraftCommand(caseId, "en", "Summary", null));
        await App.SendAsync(new SubmitReportForReviewCommand(caseId, created.Version));
        await App.SendAsync(new ApproveReportCommand(caseId, created.Version), Reviewer);
    }

    private async Task<IReadOnlyList<ReportVersionDto>> ListAsync(Guid caseId, TestUser? user = null) =>
        (await App.SendAsync(new ListReportsQuery(caseId), user)).Versions;

    private async Task<(Guid CaseId, TestUser ClientUser, TestUser OtherClientUser)> CaseAsync(string? preferredLanguage = null)
    {
        var name = Unique("Reports");
        var clientId = await App.SendAsync(new CreateClientCommand(name, null, null, []));
        if (preferredLanguage is not null)
        {
            await App.SendAsync(new UpdateClientCommand(clientId, name, null, null, [], preferredLanguage));
        }

        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Ransom note on the file server", null, Severity.High, TrafficLightProtocol.Amber));
        var clientUserId = await App.SendAsync(
            new CreateUserCommand($"{Guid.NewGuid():N}@client.example", "Chris Client", "Str0ng!Password-x", Roles.Client, clientId), TestUser.Admin);
        var otherClient = await App.SendAsync(new CreateClientCommand(Unique("Bystander"), null, null, []));
        var otherUserId = await App.SendAsync(
            new CreateUserCommand($"{Guid.NewGuid():N}@other.example", "Olga Other", "Str0ng!Password-x", Roles.Client, otherClient), TestUser.Admin);
        return (caseId, new TestUser(clientUserId, "chris", Roles.Client, clientId), new TestUser(otherUserId, "olga", Roles.Client, otherClient));
    }
}

public sealed class ReportWorkflowOnSqliteTests(SqliteApp app) : ReportWorkflowTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReportWorkflowOnPostgresTests(PostgresApp app) : ReportWorkflowTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>The host with a report generator that always fails (the renderer crashed, a font was missing …).</summary>
public sealed class FailingGeneratorApp() : FunctionalTestApp(new SqliteTestDatabase())
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Scoped<CaseManager.Application.Reports.IReportGenerator, FailingGenerator>());
    }

    private sealed class FailingGenerator : CaseManager.Application.Reports.IReportGenerator
    {
        public Task<CaseManager.Application.Reports.GeneratedReport> GenerateAsync(CaseManager.Application.Reports.ReportRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The renderer crashed.");
    }
}

/// <summary>A generation that fails stores no version at all: nothing half-written is ever listed (the provider does not matter here).</summary>
public sealed class ReportGenerationFailureTests(FailingGeneratorApp app) : IClassFixture<FailingGeneratorApp>
{
    [Fact]
    public async Task FailedGeneration_LeavesNoVersionBehind()
    {
        var clientId = await app.SendAsync(new CreateClientCommand("Failing renderer " + Guid.NewGuid().ToString("N")[..8], null, null, []));
        var caseId = await app.SendAsync(new OpenCaseCommand(clientId, "Case", null, Severity.Low, TrafficLightProtocol.Green));

        await Should.ThrowAsync<InvalidOperationException>(() => app.SendAsync(new GenerateReportDraftCommand(caseId, "en", "Summary", null)));

        (await app.SendAsync(new ListReportsQuery(caseId))).Versions.ShouldBeEmpty();
    }
}

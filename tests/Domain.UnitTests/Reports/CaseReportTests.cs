using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;
using CaseManager.Domain.Reports;

namespace CaseManager.Domain.UnitTests.Reports;

public sealed class CaseReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    private static readonly ReportFiles First = new(new string('1', 64), 100, new string('2', 64), 50, 3, Now);

    private static readonly ReportFiles Second = new(new string('3', 64), 110, new string('4', 64), 55, 4, Now.AddMinutes(5));

    [Fact]
    public void Author_CannotApprove_NorCanTheSubmitter_ButAnotherConsultantCan()
    {
        var report = Draft();
        report.SubmitForReview("bob", "Bob", Now);

        Should.Throw<DomainException>(() => report.Approve("alice", "Alice", Now)).Message.ShouldContain("another consultant");
        Should.Throw<DomainException>(() => report.Approve("bob", "Bob", Now)).Message.ShouldContain("another consultant");
        report.State.ShouldBe(ReportState.InReview);

        report.Approve("carol", "Carol", Now.AddHours(1));
        (report.State, report.ReviewerName, report.PublishedAt).ShouldBe((ReportState.Published, "Carol", Now.AddHours(1)));
    }

    [Fact]
    public void Draft_IsRegenerable_ButSubmittedAndPublishedFilesNeverChange()
    {
        var report = Draft();
        report.Regenerate("zh-CN", Second, "alice", "Alice", Now);
        report.Files.ShouldBe(Second);

        report.SubmitForReview("alice", "Alice", Now);
        Should.Throw<DomainException>(() => report.Regenerate("en", First, "alice", "Alice", Now));
        Should.Throw<DomainException>(() => report.EditNarrative("x", null, First, "alice", "Alice", Now));
        report.Approve("carol", "Carol", Now);
        Should.Throw<DomainException>(() => report.Regenerate("en", First, "alice", "Alice", Now)).Message.ShouldContain("never change");
        Should.Throw<DomainException>(() => report.SubmitForReview("alice", "Alice", Now));
        report.Files.ShouldBe(Second);
    }

    [Fact]
    public void Author_CannotReturnTheirOwnVersion_NorCanTheSubmitter_ItStaysInReview()
    {
        var report = Draft();
        report.SubmitForReview("bob", "Bob", Now);

        Should.Throw<DomainException>(() => report.Return("alice", "Alice", "Withdrawn: typo.", Now)).Message.ShouldBe(CaseReport.OwnVersionReturnRefused);
        Should.Throw<DomainException>(() => report.Return("bob", "Bob", "Withdrawn: typo.", Now)).Message.ShouldBe(CaseReport.OwnVersionReturnRefused);
        (report.State, report.History.Count).ShouldBe((ReportState.InReview, 2));

        report.Return("carol", "Carol", "Fix the typo.", Now);
        report.State.ShouldBe(ReportState.Returned);
    }

    [Fact]
    public void Returned_NeedsComments_AndBecomesADraftWhenEdited()
    {
        var report = Draft();
        report.SubmitForReview("alice", "Alice", Now);
        Should.Throw<DomainException>(() => report.Return("carol", "Carol", " ", Now));
        report.Return("carol", "Carol", "Add the host list.", Now);
        report.State.ShouldBe(ReportState.Returned);
        report.EditNarrative("Hosts: web-01", null, Second, "alice", "Alice", Now);
        report.State.ShouldBe(ReportState.Draft);
        report.History.Single(h => h.Action == ReportAction.Returned).Text.ShouldBe("Add the host list.");
    }

    [Fact]
    public void Retract_OnlyPublished_WithAReason_AndHidesFromTheClient()
    {
        var report = Draft();
        Should.Throw<DomainException>(() => report.Retract("carol", "Carol", "Wrong", Now));
        report.SubmitForReview("alice", "Alice", Now);
        report.Approve("carol", "Carol", Now);
        report.VisibleToClient.ShouldBeTrue();
        Should.Throw<DomainException>(() => report.Retract("carol", "Carol", "", Now));
        report.Retract("carol", "Carol", "Wrong host list", Now);
        (report.State, report.VisibleToClient, report.RetractionReason).ShouldBe((ReportState.Retracted, false, "Wrong host list"));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("EN")]
    public void UnknownLanguage_IsRefused(string language) =>
        Should.Throw<DomainException>(() => CaseReport.Draft(Incident(), 1, language, null, null, First, "alice", "Alice", Now));

    private static CaseReport Draft() => CaseReport.Draft(Incident(), 1, "en", "Summary", null, First, "alice", "Alice", Now);

    private static IncidentCase Incident() =>
        IncidentCase.Open(ClientId.New(), CaseNumber.From(2026, 9), "Ransomware", null, Severity.High, TrafficLightProtocol.Amber, "alice", Now);
}

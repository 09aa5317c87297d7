using CaseManager.Domain.Cases;
using CaseManager.Domain.Cases.Events;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;

namespace CaseManager.Domain.UnitTests.Cases;

public sealed class IncidentCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Open_StartsInIntake_WithOneHistoryEntry()
    {
        var incident = NewCase();

        incident.Phase.ShouldBe(CasePhase.Intake);
        var entry = incident.History.ShouldHaveSingleItem();
        (entry.From, entry.To, entry.ChangedBy, entry.ChangedAt).ShouldBe(((CasePhase?)null, CasePhase.Intake, "alice", Now));
    }

    [Fact]
    public void Open_WithBlankTitle_ThrowsDomainException() =>
        Should.Throw<DomainException>(() => IncidentCase.Open(ClientId.New(), CaseNumber.From(2026, 1), "  ", null, Severity.Low, TrafficLightProtocol.Clear, "alice", Now));

    [Fact]
    public void ChangePhase_ThroughAllPhasesInOrder_EndsClosedWithClosedAt()
    {
        var incident = NewCase();

        foreach (var phase in new[] { CasePhase.Classification, CasePhase.Analysis, CasePhase.Remediation, CasePhase.Reporting, CasePhase.Closed })
        {
            incident.ChangePhase(phase, null, "bob", Now.AddHours((int)phase));
        }

        incident.Phase.ShouldBe(CasePhase.Closed);
        incident.ClosedAt.ShouldBe(Now.AddHours((int)CasePhase.Closed));
        incident.History.Select(h => h.To).ShouldBe(Enum.GetValues<CasePhase>());
        incident.History[^1].From.ShouldBe(CasePhase.Reporting);
    }

    [Theory]
    [InlineData(CasePhase.Analysis)]
    [InlineData(CasePhase.Remediation)]
    [InlineData(CasePhase.Reporting)]
    public void ChangePhase_SkippingForward_Throws(CasePhase target)
    {
        var incident = NewCase();

        Should.Throw<DomainException>(() => incident.ChangePhase(target, "even with a comment", "bob", Now));
        incident.Phase.ShouldBe(CasePhase.Intake);
        incident.History.Count.ShouldBe(1);
    }

    [Fact]
    public void ChangePhase_ToTheSamePhase_Throws() =>
        Should.Throw<DomainException>(() => NewCase().ChangePhase(CasePhase.Intake, "again", "bob", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ChangePhase_BackwardsWithoutComment_Throws(string? comment)
    {
        var incident = NewCase();
        incident.ChangePhase(CasePhase.Classification, null, "bob", Now);

        Should.Throw<DomainException>(() => incident.ChangePhase(CasePhase.Intake, comment, "bob", Now));
    }

    [Fact]
    public void ChangePhase_CloseEarly_NeedsAComment()
    {
        var incident = NewCase();

        Should.Throw<DomainException>(() => incident.ChangePhase(CasePhase.Closed, null, "bob", Now));
        incident.ChangePhase(CasePhase.Closed, "False positive: backup job", "bob", Now);

        incident.Phase.ShouldBe(CasePhase.Closed);
        incident.History[^1].Comment.ShouldBe("False positive: backup job");
    }

    [Fact]
    public void ChangePhase_ReopenClosedCase_ClearsClosedAt()
    {
        var incident = NewCase();
        incident.ChangePhase(CasePhase.Closed, "dup", "bob", Now);

        incident.ChangePhase(CasePhase.Analysis, "not a duplicate after all", "bob", Now.AddDays(1));

        incident.ClosedAt.ShouldBeNull();
        incident.Phase.ShouldBe(CasePhase.Analysis);
    }

    [Fact]
    public void SetKeyDates_InTheFutureOrReportedBeforeDetected_Throws()
    {
        var incident = NewCase();

        Should.Throw<DomainException>(() => incident.SetKeyDates(Now.AddMinutes(1), null, null, Now));
        Should.Throw<DomainException>(() => incident.SetKeyDates(Now.AddHours(-1), Now.AddHours(-2), null, Now));
        incident.SetKeyDates(Now.AddHours(-2), Now.AddHours(-1), Now, Now);
        incident.EngagedAt.ShouldBe(Now);
    }

    [Fact]
    public void AssignConsultant_RaisesEventOnce_PerConsultant()
    {
        var incident = NewCase();

        incident.AssignConsultant("u1", Now);
        incident.AssignConsultant("u1", Now);
        incident.AssignConsultant("u2", Now);

        incident.Assignments.Select(a => a.UserId).ShouldBe(["u1", "u2"]);
        incident.DomainEvents.OfType<ConsultantAssigned>().Select(e => e.UserId).ShouldBe(["u1", "u2"]);
        incident.UnassignConsultant("u1");
        incident.Assignments.ShouldHaveSingleItem().UserId.ShouldBe("u2");
    }

    private static IncidentCase NewCase() =>
        IncidentCase.Open(ClientId.New(), CaseNumber.From(2026, 7), " Ransomware ", null, Severity.High, TrafficLightProtocol.Amber, "alice", Now);
}

using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;
using CaseManager.Domain.Messages;

namespace CaseManager.Domain.UnitTests.Messages;

public sealed class CaseMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Post_TrimsTheText_AndBelongsToTheCasesClient()
    {
        var incident = NewCase();

        var message = CaseMessage.Post(incident, "u1", "Dana", fromClient: true, "  Which hosts?  ", Now);

        (message.Body, message.CaseId, message.ClientId, message.FromClient, message.SentAt).ShouldBe(("Which hosts?", incident.Id, incident.ClientId, true, Now));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("")]
    public void Post_WithoutText_IsRefused(string body) =>
        Should.Throw<DomainException>(() => CaseMessage.Post(NewCase(), "u1", "Dana", false, body, Now)).Message.ShouldBe("A message needs some text.");

    [Fact]
    public void Post_LongerThanTheLimit_IsRefused() =>
        Should.Throw<DomainException>(() => CaseMessage.Post(NewCase(), "u1", "Dana", false, new string('x', CaseMessage.BodyMaxLength + 1), Now));

    [Fact]
    public void Post_ToAClosedCase_IsRefused()
    {
        var incident = NewCase();
        incident.ChangePhase(CasePhase.Closed, "duplicate", "alice", Now);

        Should.Throw<DomainException>(() => CaseMessage.Post(incident, "u1", "Dana", false, "Hello", Now));
    }

    [Fact]
    public void LastSeen_OnlyMovesForward()
    {
        var seen = CaseLastSeen.First("u1", new CaseId(Guid.NewGuid()), Now);

        seen.SeenAgain(Now.AddMinutes(-5));
        seen.SeenAt.ShouldBe(Now);
        seen.SeenAgain(Now.AddMinutes(5));
        seen.SeenAt.ShouldBe(Now.AddMinutes(5));
    }

    private static IncidentCase NewCase() =>
        IncidentCase.Open(ClientId.New(), CaseNumber.From(2026, 9), "Ransomware", null, Severity.High, TrafficLightProtocol.Amber, "alice", Now);
}

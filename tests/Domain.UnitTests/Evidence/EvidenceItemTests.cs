using CaseManager.Domain.Cases;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Common;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Evidence.Events;

namespace CaseManager.Domain.UnitTests.Evidence;

public sealed class EvidenceItemTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 28, 3, 0, 0, 123, TimeSpan.Zero).AddTicks(4567);

    [Fact]
    public void Register_RecordsReceiptInCustody_AndRequestsAnalysis()
    {
        var item = NewItem();

        var received = item.Custody.ShouldHaveSingleItem();
        (received.Sequence, received.Action, received.Actor, received.PreviousHash).ShouldBe((1, CustodyAction.Received, "alice", CustodyEntry.GenesisHash));
        received.Details.ShouldContain("sha256 " + new string('a', 64));
        received.At.ShouldBe(new DateTimeOffset(2026, 11, 28, 3, 0, 0, 123, TimeSpan.Zero), "custody times are kept to the millisecond");
        item.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<EvidenceAnalysisRequested>();
        item.AnalysisStatus.ShouldBe(AnalysisStatus.Queued);
    }

    [Fact]
    public void Custody_IsAHashChain_ThatDetectsAChangedEntry()
    {
        var item = NewItem();
        item.RecordDownload("bob", "send to CERT", Now.AddMinutes(1));
        item.RecordDownload("carol", "court copy", Now.AddMinutes(2));
        CustodyEntry.FirstBrokenLink(item.Custody).ShouldBeNull();
        item.Custody[1].PreviousHash.ShouldBe(item.Custody[0].Hash);

        typeof(CustodyEntry).GetProperty(nameof(CustodyEntry.Actor))!.SetValue(item.Custody[1], "mallory");

        CustodyEntry.FirstBrokenLink(item.Custody).ShouldBe(2);
    }

    [Fact]
    public void Custody_WithARemovedEntry_IsBroken()
    {
        var item = NewItem();
        item.RecordDownload("bob", "one", Now);
        item.RecordDownload("bob", "two", Now);

        CustodyEntry.FirstBrokenLink(item.Custody.Where(e => e.Sequence != 2)).ShouldBe(2);
    }

    [Fact]
    public void AnalysisRuns_AreNumbered_AndRetryIsRefusedWhileRunning()
    {
        var item = NewItem();

        item.StartAnalysis("traffic").ShouldBe(1);
        Should.Throw<DomainException>(item.RequestAnalysis);
        item.CompleteAnalysis(["truncated capture"], "system", Now);

        item.AnalysisStatus.ShouldBe(AnalysisStatus.SucceededWithWarnings);
        item.AnalysisMessage.ShouldBe("truncated capture");
        item.Custody[^1].Action.ShouldBe(CustodyAction.Analysed);
        item.RequestAnalysis();
        item.StartAnalysis("traffic").ShouldBe(2);
    }

    [Fact]
    public void OverrideKind_IsRecordedAndQueuesAnotherAnalysis()
    {
        var item = NewItem();
        item.ClearDomainEvents();

        item.OverrideKind(EvidenceKind.RawMemory, "bob", Now);

        (item.Kind, item.DetectedKind).ShouldBe((EvidenceKind.RawMemory, EvidenceKind.Other));
        item.Custody[^1].Details.ShouldBe("Other -> RawMemory");
        item.DomainEvents.ShouldHaveSingleItem().ShouldBeOfType<EvidenceAnalysisRequested>();
    }

    private static EvidenceItem NewItem()
    {
        var incident = IncidentCase.Open(ClientId.New(), CaseNumber.From(2026, 1), "Case", null, Severity.High, TrafficLightProtocol.Amber, "alice", Now);
        return EvidenceItem.Register(incident, "dump.bin", EvidenceKind.Other, 10, new string('a', 64), new string('b', 40), new string('c', 32), "alice", "USB", Now);
    }
}

using System.Reflection;
using CaseManager.Domain.Audit;

namespace CaseManager.Domain.UnitTests.Audit;

public sealed class AuditChainVerifierTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnIntactChain_Verifies()
    {
        var chain = Chain(5);

        AuditChainVerifier.Verify(chain, null).ShouldBeNull();
        chain[0].PreviousHash.ShouldBe(AuditEntry.GenesisHash);
        chain[4].PreviousHash.ShouldBe(chain[3].Hash);
    }

    [Fact]
    public void AnEditedField_BreaksAtThatRow()
    {
        var chain = Chain(5);
        Set(chain[2], nameof(AuditEntry.Details), "edited");

        var broken = AuditChainVerifier.Verify(chain, null).ShouldNotBeNull();
        broken.Sequence.ShouldBe(3);
        broken.Reason.ShouldBe(AuditChainBreakReason.Altered);
    }

    [Fact]
    public void ARowWithARecomputedHash_BreaksTheNextLink()
    {
        var chain = Chain(5);
        Set(chain[2], nameof(AuditEntry.Details), "edited");
        Set(chain[2], nameof(AuditEntry.Hash), chain[2].ComputeHash());

        var broken = AuditChainVerifier.Verify(chain, null).ShouldNotBeNull();
        broken.Sequence.ShouldBe(4);
        broken.Reason.ShouldBe(AuditChainBreakReason.NotLinked);
    }

    [Fact]
    public void ARemovedRow_IsAGap()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        var broken = AuditChainVerifier.Verify(chain, null).ShouldNotBeNull();
        broken.Sequence.ShouldBe(2);
        broken.Reason.ShouldBe(AuditChainBreakReason.Missing);
    }

    [Fact]
    public void AfterPruning_TheRestVerifiesFromTheAnchor_ButNotFromTheGenesis()
    {
        var chain = Chain(6);
        var anchor = AuditChainAnchor.Start();
        anchor.MoveTo(chain[2], 3, Start);
        var rest = chain.Skip(3).ToList();

        AuditChainVerifier.Verify(rest, anchor).ShouldBeNull();
        AuditChainVerifier.Verify(rest, null).ShouldNotBeNull().Reason.ShouldBe(AuditChainBreakReason.Missing);
        Should.Throw<Common.DomainException>(() => anchor.MoveTo(chain[1], 1, Start));
    }

    [Fact]
    public void AFieldCannotImitateTheSeparator()
    {
        var a = AuditEntry.Append(0, AuditEntry.GenesisHash, Start, "x", null, "t", "a\nb", "c", "ip");
        var b = AuditEntry.Append(0, AuditEntry.GenesisHash, Start, "x", null, "t", "a", "b\nc", "ip");
        a.Hash.ShouldNotBe(b.Hash);
    }

    private static List<AuditEntry> Chain(int count)
    {
        var chain = new List<AuditEntry>();
        for (var i = 0; i < count; i++)
        {
            var previous = chain.LastOrDefault();
            chain.Add(AuditEntry.Append(previous?.Sequence ?? 0, previous?.Hash ?? AuditEntry.GenesisHash, Start.AddMinutes(i), "admin@test", "id", "test.event", $"t:{i}", $"details {i}", "127.0.0.1"));
        }

        return chain;
    }

    private static void Set(AuditEntry entry, string property, object value) =>
        typeof(AuditEntry).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(entry, value);
}

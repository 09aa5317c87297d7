using CaseManager.Infrastructure.Identity;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>The server's TOTP against RFC 6238's SHA-1 test vectors (last six digits) and the tests' own authenticator.</summary>
public sealed class TotpTests
{
    // RFC 6238 Appendix B: key "12345678901234567890", T0 = 0, X = 30.
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Code_MatchesTheRfcVectors(long unixSeconds, string expected)
    {
        var key = "12345678901234567890"u8.ToArray();
        Totp.Code(key, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))).ShouldBe(expected);
    }

    [Fact]
    public void Base32Key_DecodesAsTheTestAuthenticatorReadsIt()
    {
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // Base32 of "12345678901234567890"
        Totp.DecodeBase32(key).ShouldBe("12345678901234567890"u8.ToArray());
        Totp.Code(Totp.DecodeBase32(key), 1).ShouldBe(TestTotp.Code(key.ToLowerInvariant(), 1));
        Should.Throw<FormatException>(() => Totp.DecodeBase32("not base32!"));
    }
}

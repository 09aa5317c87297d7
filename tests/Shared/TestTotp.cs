using System.Globalization;
using System.Security.Cryptography;

namespace CaseManager.Tests.Shared;

/// <summary>An authenticator app, written for the tests from RFC 6238 (HMAC-SHA1, 30 s, 6 digits) and RFC 4648 Base32.</summary>
public static class TestTotp
{
    public static long StepNow(DateTimeOffset? at = null) => (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;

    /// <summary>The code for <paramref name="base32Key"/> (as shown on the enrolment page, spaces allowed) at time step <paramref name="step"/>.</summary>
    public static string Code(string base32Key, long step)
    {
        var key = Base32(base32Key);
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0xf;
        var value = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string CodeNow(string base32Key) => Code(base32Key, StepNow());

    /// <summary>Six digits that are not the code of any step from 20 steps ago to 2 ahead.</summary>
    public static string WrongCode(string base32Key)
    {
        var now = StepNow();
        var used = Enumerable.Range(-20, 23).Select(d => Code(base32Key, now + d)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => (123456 + (i * 7919)).ToString("D6", CultureInfo.InvariantCulture)).First(c => !used.Contains(c));
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.ToUpperInvariant().Where(c => c != ' ' && c != '=')
            .Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}

using System.Numerics;
using System.Security.Cryptography;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>Checksum validation of cryptocurrency addresses (Base58Check and Bech32/Bech32m for Bitcoin).</summary>
internal static class WalletValidator
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>True for a mainnet P2PKH ("1…") or P2SH ("3…") address whose Base58Check checksum holds.</summary>
    public static bool IsBitcoinBase58(string address)
    {
        BigInteger value = 0;
        foreach (var c in address)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            value = (value * 58) + digit;
        }

        var body = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var leadingZeros = address.TakeWhile(c => c == '1').Count();
        var bytes = new byte[leadingZeros + body.Length];
        body.CopyTo(bytes, leadingZeros);
        if (bytes.Length != 25 || (bytes[0] != 0x00 && bytes[0] != 0x05))
        {
            return false;
        }

        var check = SHA256.HashData(SHA256.HashData(bytes.AsSpan(0, 21)));
        return check.AsSpan(0, 4).SequenceEqual(bytes.AsSpan(21, 4));
    }

    /// <summary>True for a "bc1…" segwit address whose Bech32 (v0) or Bech32m (v1+) checksum holds.</summary>
    public static bool IsBitcoinBech32(string address)
    {
        var lower = address.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || lower.Length - separator < 7)
        {
            return false;
        }

        var hrp = lower[..separator];
        var values = new List<int>(lower.Length * 2);
        foreach (var c in hrp)
        {
            values.Add(c >> 5);
        }

        values.Add(0);
        foreach (var c in hrp)
        {
            values.Add(c & 31);
        }

        for (var i = separator + 1; i < lower.Length; i++)
        {
            var v = Bech32Alphabet.IndexOf(lower[i], StringComparison.Ordinal);
            if (v < 0)
            {
                return false;
            }

            values.Add(v);
        }

        var witnessVersion = values[(2 * hrp.Length) + 1];
        var polymod = Polymod(values);
        return witnessVersion == 0 ? polymod == 1 : polymod == 0x2bc830a3;
    }

    /// <summary>Structural check of a Monero standard (95) or integrated (106) address; its Keccak checksum is not verified.</summary>
    public static bool IsMoneroShape(string address) =>
        (address.Length == 95 || address.Length == 106) && address.Distinct().Count() > 10;

    public static bool IsEthereumShape(string address) =>
        address.Length == 42 && address[2..].Distinct().Count() > 4;

    private static uint Polymod(List<int> values)
    {
        uint[] generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        uint chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ (uint)v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= generator[i];
                }
            }
        }

        return chk;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace CaseManager.Application.ApiKeys;

/// <summary>
/// API key secrets: "cmk_" and 43 base64url characters (256 random bits). Stored as their SHA-256 only — a secret this
/// long needs no slow hash — and looked up by that hash.
/// </summary>
public static class ApiKeyToken
{
    public const string Marker = "cmk_";

    public static (string Token, string Prefix, string Hash) New()
    {
        var token = Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, token[..12], Hash(token));
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Domain.Evidence;

namespace CaseManager.Domain.Indicators;

/// <summary>
/// Checks that an indicator's value is what its type says and brings it to one canonical form, so the register merges
/// the same indicator seen by different analysers (upper/lower case hashes and domains, IPv6 spellings, a trailing dot).
/// </summary>
public static partial class IndicatorValue
{
    public const int MaxLength = 1000;

    /// <summary>The canonical value, or null and a reason when <paramref name="value"/> is not a valid <paramref name="type"/>.</summary>
    public static string? Normalize(IndicatorType type, string? value, out string? error)
    {
        error = null;
        var v = value?.Trim() ?? string.Empty;
        if (v.Length == 0)
        {
            error = "A value is required.";
            return null;
        }

        if (v.Length > MaxLength)
        {
            error = $"A value is at most {MaxLength} characters.";
            return null;
        }

        if (v.Any(c => char.IsControl(c) && c != '\t') || v.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            error = "The value contains control or invisible formatting characters.";
            return null;
        }

        var normalized = type switch
        {
            IndicatorType.Ip => Ip(v),
            IndicatorType.Domain => Domain(v),
            IndicatorType.Onion => Domain(v) is { } onion && OnionPattern().IsMatch(onion) ? onion : null,
            IndicatorType.Url => Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp" or "ftps" or "ws" or "wss"
                && !v.Any(char.IsWhiteSpace) ? v : null,
            IndicatorType.Email => EmailPattern().IsMatch(v) && Domain(v[(v.LastIndexOf('@') + 1)..]) is { } host ? $"{v[..v.LastIndexOf('@')]}@{host}" : null,
            IndicatorType.Wallet => WalletPattern().IsMatch(v) ? v : null,
            IndicatorType.Hash => HashPattern().IsMatch(v) ? v.ToLowerInvariant() : null,
            IndicatorType.Ja3 => Ja3Pattern().IsMatch(v) ? v.ToLowerInvariant() : null,
            IndicatorType.FilePath => PathPattern().IsMatch(v) && !v.Contains('<', StringComparison.Ordinal) ? v : null,
            IndicatorType.Process => v.Length <= 255 && !v.Contains('<', StringComparison.Ordinal) ? v : null,
            IndicatorType.StartupItem or IndicatorType.Command => v,
            _ => null,
        };
        if (normalized is null)
        {
            error = type switch
            {
                IndicatorType.Ip => "Not an IPv4 or IPv6 address.",
                IndicatorType.Domain => "Not a domain name (letters, digits and dashes, in dot-separated labels).",
                IndicatorType.Onion => "Not a Tor .onion address (16 or 56 base32 characters before .onion).",
                IndicatorType.Url => "Not an absolute http(s), ftp or ws URL without spaces.",
                IndicatorType.Email => "Not an e-mail address.",
                IndicatorType.Wallet => "Not a cryptocurrency wallet address (25 to 110 letters and digits).",
                IndicatorType.Hash => "Not an MD5, SHA-1, SHA-256 or SHA-512 hash (32, 40, 64 or 128 hex digits).",
                IndicatorType.Ja3 => "Not a JA3 fingerprint (32 hex digits).",
                IndicatorType.FilePath => "Not a file path (absolute Unix path, drive or UNC path, or %VARIABLE%\\ path).",
                IndicatorType.Process => "Not a process name (at most 255 characters, no markup).",
                _ => "Unknown indicator type.",
            };
        }

        return normalized;
    }

    /// <summary>The canonical form of a value from an analyser; values that do not validate are kept as given (trimmed).</summary>
    public static string Canonical(IndicatorType type, string value) => Normalize(type, value, out _) ?? value.Trim();

    /// <summary>The hash algorithm of a hash value by its length.</summary>
    public static string? HashAlgorithm(string hash) => hash.Length switch
    {
        32 => "MD5",
        40 => "SHA-1",
        64 => "SHA-256",
        128 => "SHA-512",
        _ => null,
    };

    private static string? Ip(string v)
    {
        if (v.Contains(':', StringComparison.Ordinal))
        {
            return Ipv6Chars().IsMatch(v) && IPAddress.TryParse(v, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? v6.ToString()
                : null;
        }

        return Ipv4Pattern().IsMatch(v) && IPAddress.TryParse(v, out var v4) ? v4.ToString() : null;
    }

    private static string? Domain(string v)
    {
        var d = v.TrimEnd('.').ToLowerInvariant();
        try
        {
            d = new IdnMapping().GetAscii(d);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return d.Length <= 253 && DomainPattern().IsMatch(d) ? d : null;
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"^[0-9A-Fa-f:.]+$")]
    private static partial Regex Ipv6Chars();

    [GeneratedRegex(@"^([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^([a-z2-7]{16}|[a-z2-7]{56})\.onion$")]
    private static partial Regex OnionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]{25,110}$")]
    private static partial Regex WalletPattern();

    [GeneratedRegex(@"^([0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}|[0-9A-Fa-f]{128})$")]
    private static partial Regex HashPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{32}$")]
    private static partial Regex Ja3Pattern();

    [GeneratedRegex(@"^(/|[A-Za-z]:\\|\\\\|%[A-Za-z_]+%\\|~/)")]
    private static partial Regex PathPattern();
}

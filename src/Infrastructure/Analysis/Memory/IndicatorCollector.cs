using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CaseManager.Application.Analysis;
using CaseManager.Application.Analysis.Memory;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Memory;

/// <summary>
/// A strings sink that turns strings into indicators (paths, URLs, domains, IPs, e-mail, wallets, onion
/// addresses, commands, persistence) with the offset, and records what findings need (dynamic DNS,
/// mining pools, stratum URLs, known malware names, embedded PE headers). Cheap byte and character
/// gates keep regexes off the vast majority of strings. Indicators are deduplicated on (type, value).
/// </summary>
internal sealed class IndicatorCollector(Func<long, ulong?>? virtualAddressOf = null, int maxIndicators = 5000) : IStringSink
{
    private static readonly SearchValues<byte> Punctuation = SearchValues.Create("/\\.@:|"u8);
    private static readonly SearchValues<char> HostChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_");
    private static readonly SearchValues<char> DigitsAndDots = SearchValues.Create("0123456789.");
    private static readonly SearchValues<string> CommandWords = SearchValues.Create(
        ["curl", "wget", "chmod", "/dev/tcp/", "/dev/udp/", "base64", "crontab", "nohup", "systemctl", "rc.local", "init.d", ".bashrc", "ld.so.preload"],
        StringComparison.Ordinal);

    private readonly Dictionary<IndicatorType, HashSet<string>> _seen = [];
    private readonly HashSet<string> _commandLines = new(StringComparer.Ordinal);
    private readonly List<AnalysisIndicator> _indicators = [];
    private readonly Dictionary<(IndicatorType, string), long> _offsets = [];
    private char[] _chars = new char[512];

    public IReadOnlyList<AnalysisIndicator> Indicators => _indicators;

    public bool LimitReached { get; private set; }

    public SortedDictionary<string, string> DynamicDnsDomains { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> MiningPoolDomains { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> StratumUrls { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> MalwareNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each malware name was first seen (file offset of the string).</summary>
    public Dictionary<string, long> MalwareNameOffsets { get; } = new(StringComparer.Ordinal);

    public List<long> EmbeddedPeOffsets { get; } = [];

    /// <summary>Kernel-thread names (<c>[kworker/0:1]</c>, <c>[ksoftirqd/7]</c> …) seen in strings, with the first offsets of each.</summary>
    public SortedDictionary<string, List<long>> KernelThreadNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Offsets kept per kernel-thread name.</summary>
    public const int MaxKernelThreadOffsets = 20;

    /// <summary>The file offset where an indicator was first seen, when it was recorded.</summary>
    public long? OffsetOf(IndicatorType type, string value) => _offsets.TryGetValue((type, value), out var offset) ? offset : null;

    public void OnString(StringEncoding encoding, long offset, ReadOnlySpan<byte> text)
    {
        if (_chars.Length < text.Length)
        {
            _chars = new char[Math.Max(text.Length, _chars.Length * 2)];
        }

        var chars = _chars.AsSpan(0, text.Length);
        Ascii.ToUtf16(text, chars, out _);
        var scale = encoding == StringEncoding.Utf16Le ? 2 : 1;
        var where = new Where(encoding, offset, scale, virtualAddressOf);

        MatchMalwareNames(chars, where);
        if (text.Length >= 8 && text.IndexOf((byte)'[') >= 0 && text.IndexOf((byte)']') >= 0)
        {
            KernelThreadNameStrings(chars, where);
        }

        if (text.IndexOfAny(Punctuation) < 0)
        {
            if (text.Length >= 26)
            {
                Wallets(chars, where);
            }

            return;
        }

        var hasSlash = chars.Contains('/');
        var hasDot = chars.Contains('.');
        if (chars.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            foreach (var m in IndicatorPatterns.Url().EnumerateMatches(chars))
            {
                Urls(chars.Slice(m.Index, m.Length).TrimEnd(".,;)'\"]"), where.At(m.Index));
            }
        }

        if (hasSlash)
        {
            Add(IndicatorPatterns.UnixPath(), chars, IndicatorType.FilePath, where);
        }

        if (chars.Contains('\\'))
        {
            Add(IndicatorPatterns.WindowsPath(), chars, IndicatorType.FilePath, where, trim: true);
        }

        if (chars.Contains('@'))
        {
            foreach (var m in IndicatorPatterns.Email().EnumerateMatches(chars))
            {
                var email = chars.Slice(m.Index, m.Length).ToString();
                var domain = email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
                if (ReferenceLists.IsDomain(domain, out _))
                {
                    Record(IndicatorType.Email, email, where.At(m.Index));
                }
            }
        }

        if (hasDot)
        {
            HostTokens(chars, where);

            if (chars.IndexOf(".onion", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                foreach (var m in IndicatorPatterns.Onion().EnumerateMatches(chars))
                {
                    Record(IndicatorType.Onion, chars.Slice(m.Index, m.Length).ToString().ToLowerInvariant(), where.At(m.Index));
                }
            }

            if (chars.IndexOf("program cannot be run in DOS mode", StringComparison.Ordinal) >= 0)
            {
                EmbeddedPeOffsets.Add(offset);
            }
        }

        if (chars.Count(':') >= 2)
        {
            foreach (var m in IndicatorPatterns.Ipv6().EnumerateMatches(chars))
            {
                var candidate = chars.Slice(m.Index, m.Length);
                if (candidate.Length >= 6 && IPAddress.TryParse(candidate, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
                    && (candidate.Contains("::", StringComparison.Ordinal) || candidate.Count(':') == 7) && candidate.Count(':') < candidate.Length - 2)
                {
                    Record(IndicatorType.Ip, ip.ToString(), where.At(m.Index));
                }
            }
        }

        if (text.Length >= 26)
        {
            Wallets(chars, where);
        }

        var trimmed = chars.TrimStart();
        if (chars.IndexOfAny(CommandWords) >= 0 || (trimmed.Length > 0 && (char.IsAsciiDigit(trimmed[0]) || trimmed[0] is '*' or '@')))
        {
            Commands(chars, where);
        }
    }

    /// <summary>
    /// Domains and IPv4 addresses: maximal tokens of [A-Za-z0-9._-] that contain a dot (a linear scan; a
    /// regex with label backtracking was the analyser's hot spot on text-dense dumps).
    /// </summary>
    private void HostTokens(ReadOnlySpan<char> chars, Where where)
    {
        Span<char> lower = stackalloc char[253];
        var i = 0;
        while (i < chars.Length)
        {
            var start = chars[i..].IndexOfAny(HostChars);
            if (start < 0)
            {
                return;
            }

            start += i;
            var length = chars[start..].IndexOfAnyExcept(HostChars);
            var end = length < 0 ? chars.Length : start + length;
            i = end;
            var token = chars[start..end].Trim('.');
            if (token.Length < 4 || !token.Contains('.') || token.Contains('_'))
            {
                continue;
            }

            var at = start + chars[start..end].IndexOf(token[0]);
            if (token.IndexOfAnyExcept(DigitsAndDots) < 0)
            {
                if (token.Count('.') == 3 && !Seen(IndicatorType.Ip, token) && IsIpv4(token))
                {
                    Ip(token.ToString(), where.At(at));
                }
            }
            else if (token.Length <= 253 && IsHostName(token))
            {
                var name = lower[..token.Length];
                token.ToLowerInvariant(name);
                if (!Seen(IndicatorType.Domain, name))
                {
                    Domain(name.ToString(), where.At(at), bare: true);
                }
            }
        }
    }

    private static bool IsIpv4(ReadOnlySpan<char> token)
    {
        foreach (var range in token.Split('.'))
        {
            var octet = token[range];
            if (octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0') || int.Parse(octet, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(ReadOnlySpan<char> token)
    {
        var tld = token[(token.LastIndexOf('.') + 1)..];
        if (tld.Length is < 2 or > 24)
        {
            return false;
        }

        foreach (var c in tld)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        foreach (var range in token.Split('.'))
        {
            var label = token[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }

        return true;
    }

    private void Urls(ReadOnlySpan<char> url, Where where)
    {
        if (Seen(IndicatorType.Url, url))
        {
            return;
        }

        var text = url.ToString();
        Record(IndicatorType.Url, text, where);
        if (text.StartsWith("stratum", StringComparison.OrdinalIgnoreCase))
        {
            StratumUrls.Add(text);
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var host = uri.Host.Trim('[', ']');
            if (IPAddress.TryParse(host, out var ip))
            {
                Record(IndicatorType.Ip, ip.ToString(), where);
            }
            else
            {
                Domain(host, where);
            }
        }
    }

    private void Domain(string name, Where where, bool bare = false)
    {
        var domain = name.ToLowerInvariant();
        if (!ReferenceLists.IsDomain(domain, out var zone, bare))
        {
            return;
        }

        var note = zone is null ? null : $"dynamic DNS ({zone})";
        Record(IndicatorType.Domain, domain, where, note);
        if (zone is not null)
        {
            DynamicDnsDomains.TryAdd(domain, zone);
        }

        if (ReferenceLists.MiningPool(domain) is { } pool)
        {
            MiningPoolDomains.TryAdd(domain, pool);
        }
    }

    private void Ip(string text, Where where)
    {
        // x.0.0.0 and x.y.0.0 are networks or version numbers ("1.0.0.0" in every .NET manifest), not hosts.
        if (IPAddress.TryParse(text, out var ip) && !text.StartsWith("0.", StringComparison.Ordinal) && !text.EndsWith(".0.0", StringComparison.Ordinal))
        {
            Record(IndicatorType.Ip, ip.ToString(), where);
        }
    }

    private void Wallets(ReadOnlySpan<char> chars, Where where)
    {
        foreach (var m in IndicatorPatterns.BitcoinBase58().EnumerateMatches(chars))
        {
            if (Seen(IndicatorType.Wallet, chars.Slice(m.Index, m.Length)))
            {
                continue;
            }

            var address = chars.Slice(m.Index, m.Length).ToString();
            if (WalletValidator.IsBitcoinBase58(address))
            {
                Record(IndicatorType.Wallet, address, where.At(m.Index), "bitcoin");
            }
        }

        foreach (var m in IndicatorPatterns.BitcoinBech32().EnumerateMatches(chars))
        {
            var address = chars.Slice(m.Index, m.Length).ToString();
            if (WalletValidator.IsBitcoinBech32(address))
            {
                Record(IndicatorType.Wallet, address, where.At(m.Index), "bitcoin");
            }
        }

        if (chars.Length >= 95)
        {
            foreach (var m in IndicatorPatterns.Monero().EnumerateMatches(chars))
            {
                var address = chars.Slice(m.Index, m.Length).ToString();
                if (WalletValidator.IsMoneroShape(address))
                {
                    Record(IndicatorType.Wallet, address, where.At(m.Index), "monero");
                }
            }
        }

        if (chars.Contains("0x", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var m in IndicatorPatterns.Ethereum().EnumerateMatches(chars))
            {
                var address = chars.Slice(m.Index, m.Length).ToString();
                if (WalletValidator.IsEthereumShape(address))
                {
                    Record(IndicatorType.Wallet, address, where.At(m.Index), "ethereum");
                }
            }
        }
    }

    private void Commands(ReadOnlySpan<char> chars, Where where)
    {
        if (_commandLines.GetAlternateLookup<ReadOnlySpan<char>>().Contains(chars.Trim()))
        {
            return; // the same line was evaluated before
        }

        var line = chars.Trim().ToString();
        if (_commandLines.Count < 100_000)
        {
            _commandLines.Add(line);
        }

        var value = line.Length > 300 ? line[..300] : line;
        if (IndicatorPatterns.DownloadAndRun().IsMatch(line))
        {
            Record(IndicatorType.Command, value, where, "download and run");
        }
        else if (IndicatorPatterns.DevTcp().IsMatch(line))
        {
            Record(IndicatorType.Command, value, where, "/dev/tcp reverse shell");
        }
        else if (IndicatorPatterns.Base64Decode().IsMatch(line))
        {
            Record(IndicatorType.Command, value, where, "base64-decoded payload");
        }
        else if (IndicatorPatterns.ChmodExecutable().IsMatch(line))
        {
            Record(IndicatorType.Command, value, where, "made executable");
        }

        if (IndicatorPatterns.CrontabLine().IsMatch(line))
        {
            Record(IndicatorType.StartupItem, value, where, "crontab entry");
        }
        else if (IndicatorPatterns.Persistence().IsMatch(line))
        {
            Record(IndicatorType.StartupItem, value, where, "persistence");
        }
    }

    private void KernelThreadNameStrings(ReadOnlySpan<char> chars, Where where)
    {
        foreach (var m in IndicatorPatterns.KernelThreadName().EnumerateMatches(chars))
        {
            var name = chars.Slice(m.Index, m.Length).ToString();
            if (!KernelThreadNames.TryGetValue(name, out var offsets))
            {
                KernelThreadNames[name] = offsets = [];
            }

            if (offsets.Count < MaxKernelThreadOffsets)
            {
                offsets.Add(where.At(m.Index).Offset);
            }
        }
    }

    private void MatchMalwareNames(ReadOnlySpan<char> chars, Where where)
    {
        var pairs = ReferenceLists.MalwareNamePairs;
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            var key = ReferenceLists.PairKey(chars[i], chars[i + 1]);
            if (!pairs[key])
            {
                continue;
            }

            foreach (var name in ReferenceLists.MalwareNamesByPair[key])
            {
                if (chars[i..].StartsWith(name, StringComparison.OrdinalIgnoreCase)
                    && (i == 0 || !char.IsAsciiLetterOrDigit(chars[i - 1]))
                    && (i + name.Length == chars.Length || !char.IsAsciiLetterOrDigit(chars[i + name.Length])))
                {
                    if (MalwareNames.TryAdd(name, ReferenceLists.MalwareNames[name]))
                    {
                        MalwareNameOffsets[name] = where.At(i).Offset;
                    }
                }
            }
        }
    }

    private void Add(Regex regex, ReadOnlySpan<char> chars, IndicatorType type, Where where, bool trim = false)
    {
        foreach (var m in regex.EnumerateMatches(chars))
        {
            var value = chars.Slice(m.Index, m.Length);
            if (trim)
            {
                value = value.TrimEnd(" .,;");
            }

            if (value.Length >= 4 && !Seen(type, value))
            {
                Record(type, value.ToString(), where.At(m.Index));
            }
        }
    }

    private void Record(IndicatorType type, string value, Where where, string? note = null)
    {
        if (Seen(type, value))
        {
            return;
        }

        if (_indicators.Count >= maxIndicators)
        {
            LimitReached = true;
            return;
        }

        var indicator = new AnalysisIndicator(type, value, where.Describe(note));
        if (!_seen.TryGetValue(type, out var values))
        {
            values = new HashSet<string>(StringComparer.Ordinal);
            _seen.Add(type, values);
        }

        values.Add(value);
        _indicators.Add(indicator);
        _offsets.Add((type, value), where.Offset);
    }

    /// <summary>Allocation-free duplicate check: memory repeats the same strings many times.</summary>
    private bool Seen(IndicatorType type, ReadOnlySpan<char> value) =>
        _seen.TryGetValue(type, out var values) && values.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value);

    private readonly record struct Where(StringEncoding Encoding, long Offset, int Scale, Func<long, ulong?>? AddressOf)
    {
        public Where At(int charIndex) => this with { Offset = Offset + ((long)charIndex * Scale) };

        public string Describe(string? note)
        {
            var text = new StringBuilder();
            text.Append(Encoding == StringEncoding.Utf16Le ? "utf16le" : "ascii")
                .Append(" string at offset ").Append(Offset.ToString(CultureInfo.InvariantCulture));
            if (AddressOf?.Invoke(Offset) is { } va)
            {
                text.Append(" (va 0x").Append(va.ToString("x", CultureInfo.InvariantCulture)).Append(')');
            }

            if (note is not null)
            {
                text.Append("; ").Append(note);
            }

            return text.ToString();
        }
    }
}

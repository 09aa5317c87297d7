using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CaseManager.Application.Common;

namespace CaseManager.Application.Analysis;

/// <summary>
/// Renders an analyser's indicator context (stored in English, as the analysers wrote it and the CLI's JSON prints it) in
/// the reader's language. Each context template the analysers write is an anchored pattern here, mapped to a resource
/// (<c>IndicatorContextText.resx</c>) whose placeholders name the pattern's groups; values are kept as written. Memory's
/// "&lt;string&gt;; &lt;note&gt;" is composed of two templates. Anything not recognised (a context from an older analyser,
/// a truncated one) is returned unchanged. A test runs the analysers on real files and fails on a context no template
/// recognises, and on a template no analyser output uses.
/// </summary>
public static class IndicatorContextText
{
    private static readonly ResourceManager Text = new("CaseManager.Application.Analysis.IndicatorContextText", typeof(IndicatorContextText).Assembly);

    /// <summary>The start-up item kinds the triage parser and the Windows collector write (<c>kind.{k}</c> resources).</summary>
    public static readonly IReadOnlyList<string> StartupKinds =
        ["cron", "cron-script", "systemd", "rc.local", "init.d", "autostart", "shell-startup", "run-key", "startup-folder", "service", "task", "wmi"];

    private static readonly string Kinds = string.Join('|', StartupKinds.Select(Regex.Escape));

    /// <summary>Whole contexts. Order matters where two patterns could match: the more specific first.</summary>
    private static readonly TextTemplate[] Whole =
    [
        // Traffic (src/Infrastructure/Analysis/Pcap)
        new("pcap.dynamic-dns", @"dynamic DNS: (?<zone>\S+) \((?<sources>[^()]+)\)"),
        new("pcap.mining-pool-domain", @"mining pool: (?<zone>\S+) \((?<sources>[^()]+)\)"),
        new("pcap.irc-server", @"IRC server port (?<port>\d+)"),
        new("pcap.http-request", @"HTTP (?<method>\S+), frame (?<frame>\d+)"),
        new("pcap.tls-client", @"TLS client to (?<sni>\S+)"),
        new("pcap.mining-pool-endpoint", @"mining pool endpoint (?<pool>\S+)"),
        new("pcap.mining-login", @"mining login (?<login>.+)"),
        new("pcap.port-scan-source", "port scan source"),
        new("pcap.stealth-scan-source", "stealth scan source"),
        new("pcap.beacon-destination", "beacon destination"),

        // Memory (src/Infrastructure/Analysis/Memory): MemoryAnalyzer and IndicatorCollector.Where.Describe
        new("memory.string-va", @"(?<encoding>ascii|utf16le) string at offset (?<offset>\d+) \(va (?<va>0x[0-9a-f]+)\)"),
        new("memory.string", @"(?<encoding>ascii|utf16le) string at offset (?<offset>\d+)"),
        new("memory.sample-sha256", "sha256 of the sample"),
        new("memory.sample-md5", "md5 of the sample"),
        new("memory.dumped-process", "dumped process"),
        new("memory.dumped-binary", "binary of the dumped process"),

        // Host triage (src/Infrastructure/Analysis/Triage/TriageRules.cs); "pid N" is also memory's
        new("pid", @"pid (?<pid>\d+)"),
        new("triage.kernel-module", "loaded kernel module"),
        new("triage.executable-of-pid", @"executable of pid (?<pid>\d+)"),
        new("triage.temp-executable", @"(?<magic>\S+) executable in a temp directory"),
        new("triage.config-executable", @"(?<magic>\S+) executable named like configuration"),
        new("triage.pid-connection", @"pid (?<pid>\d+) (?<protocol>(?i:tcp|udp)) (?<remote>\S+:\d+)"),
        new("triage.connection", @"(?<protocol>(?i:tcp|udp)) (?<remote>\S+:\d+)"),
        new("triage.pid-process", @"pid (?<pid>\d+) (?<name>.+)"),
        new("triage.startup-item", $@"(?<kind>{Kinds}) (?<location>.+)"),
        new("triage.startup-kind", $@"(?<kind>{Kinds})"),
        new("triage.hosts-file", @"/etc/hosts \((?<ip>[^()]+)\)"),
        new("triage.authorized-keys", "authorized_keys changed in the last 7 days"),
        new("triage.brute-force-success", @"(?<failures>\d+) failed logins then a login as (?<user>.+)"),
        new("triage.brute-force", @"(?<failures>\d+) failed logins"),

        // A file the context names (the hash of a file, /etc/passwd, /etc/ld.so.preload): shown as it is.
        new(Verbatim, @"(?:/|[A-Za-z]:\\)\S.*"),
    ];

    /// <summary>Memory's notes, after "; ".</summary>
    private static readonly TextTemplate[] Notes =
    [
        new("note.dynamic-dns", @"dynamic DNS \((?<zone>[^()]+)\)"),
        new("note.bitcoin", "bitcoin"),
        new("note.monero", "monero"),
        new("note.ethereum", "ethereum"),
        new("note.download-and-run", "download and run"),
        new("note.dev-tcp", "/dev/tcp reverse shell"),
        new("note.base64", "base64-decoded payload"),
        new("note.made-executable", "made executable"),
        new("note.crontab", "crontab entry"),
        new("note.persistence", "persistence"),
    ];

    /// <summary>The key of a context shown as it is (a file path).</summary>
    public const string Verbatim = "verbatim";

    /// <summary>Every template key, notes included, for the completeness tests.</summary>
    public static IEnumerable<string> Keys => Whole.Concat(Notes).Select(t => t.Key);

    /// <summary>The context in <paramref name="culture"/>; the text unchanged when it is not an analyser template.</summary>
    public static string? Localize(string? context, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(context))
        {
            return context;
        }

        return Render(context, culture) ?? context;
    }

    /// <summary>
    /// The template keys a context is made of (one, or a memory string and its note), with the values each captured;
    /// null when no template recognises it.
    /// </summary>
    public static IReadOnlyList<(string Key, IReadOnlyDictionary<string, string> Values)>? Recognise(string context)
    {
        if (TextTemplate.Find(Whole, context) is { } whole)
        {
            return [whole];
        }

        var split = context.IndexOf("; ", StringComparison.Ordinal);
        if (split > 0 && TextTemplate.Find(Whole, context[..split]) is { } head && head.Key.StartsWith("memory.string", StringComparison.Ordinal)
            && TextTemplate.Find(Notes, context[(split + 2)..]) is { } note)
        {
            return [head, note];
        }

        return null;
    }

    private static string? Render(string context, CultureInfo culture)
    {
        if (Recognise(context) is not { } parts)
        {
            return null;
        }

        if (parts[0].Key == Verbatim)
        {
            return context;
        }

        var rendered = parts.Select(p => Fill(Resource(p.Key, culture) ?? p.Key, p.Values, culture)).ToList();
        return rendered.Count == 1 ? rendered[0] : string.Join(Resource("separator", culture) ?? "; ", rendered);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, CultureInfo culture) =>
        Placeholders.Fill(template, name => values.GetValueOrDefault(name) is { } value
            ? name == "kind" ? Resource("kind." + value, culture) ?? value : value
            : null);

    private static string? Resource(string key, CultureInfo culture) => FindingText.Lookup(Text, key, culture);

    /// <summary>The resource text of a key in that culture exactly (no fallback), for completeness checks.</summary>
    public static string? Exact(string key, CultureInfo culture) => FindingText.Exact(Text, key, culture);
}

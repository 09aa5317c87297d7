using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Application.Analysis;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;

namespace CaseManager.Infrastructure.Analysis.Triage;

/// <summary>
/// Host triage bundles (collectors/linux/casemgr-collect.sh, collectors/windows/casemgr-collect.ps1; layout in
/// docs/triage-bundle.md): reads the untrusted archive in memory, checks the manifest, writes the processes, connections,
/// persistence, modules, accounts, auth_failures and files tables and applies the triage rules (TriageFindingCatalogue).
/// </summary>
public sealed class TriageAnalyser : IEvidenceAnalyser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ResultTableSchema ProcessesTable = new("processes",
    [
        new("pid", ColumnType.Integer), new("ppid", ColumnType.Integer), new("name", ColumnType.Text), new("cmdline", ColumnType.Text), new("exe", ColumnType.Text),
        new("uid", ColumnType.Text), new("start_time", ColumnType.Time), new("cpu_seconds", ColumnType.Real), new("flags", ColumnType.Text),
    ]);

    private static readonly ResultTableSchema ConnectionsTable = new("connections",
    [
        new("pid", ColumnType.Integer), new("process", ColumnType.Text), new("protocol", ColumnType.Text), new("local", ColumnType.Text),
        new("remote", ColumnType.Text), new("state", ColumnType.Text),
    ]);

    private static readonly ResultTableSchema PersistenceTable = new("persistence",
        [new("kind", ColumnType.Text), new("location", ColumnType.Text), new("command", ColumnType.Text)]);

    private static readonly ResultTableSchema ModulesTable = new("modules",
        [new("name", ColumnType.Text), new("size", ColumnType.Bytes), new("used_by", ColumnType.Text), new("taint", ColumnType.Text)]);

    private static readonly ResultTableSchema AccountsTable = new("accounts",
        [new("name", ColumnType.Text), new("uid", ColumnType.Text), new("shell", ColumnType.Text), new("home", ColumnType.Text), new("note", ColumnType.Text)]);

    private static readonly ResultTableSchema AuthFailuresTable = new("auth_failures",
        [new("time", ColumnType.Time), new("source", ColumnType.Text), new("user", ColumnType.Text), new("service", ColumnType.Text)]);

    private static readonly ResultTableSchema FilesTable = new("files",
    [
        new("path", ColumnType.Text), new("sha256", ColumnType.Text), new("size", ColumnType.Bytes), new("magic", ColumnType.Text), new("mtime", ColumnType.Time),
    ]);

    /// <summary>The tables a run writes, in order (their labels are <c>table.*</c> / <c>column.*</c> in TriageText).</summary>
    public static IReadOnlyList<ResultTableSchema> Tables { get; } =
        [ProcessesTable, ConnectionsTable, PersistenceTable, ModulesTable, AccountsTable, AuthFailuresTable, FilesTable];

    public string Name => "triage";

    public string Version => "1.0";

    public IReadOnlyCollection<EvidenceKind> Kinds { get; } = [EvidenceKind.TriageBundle];

    public IFindingCatalogue Catalogue => TriageFindingCatalogue.Instance;

    public async Task<AnalysisOutcome> AnalyseAsync(AnalysisInput input, IResultSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var warnings = new List<AnalysisWarning>();
        var reader = new TriageBundleReader(warnings);
        await reader.ReadAsync(input.Content, cancellationToken);
        input.Progress?.Report(0.5);
        if (reader.FirstMember is { } first && TriageBundleReader.Normalise(first) != "manifest.json" && reader.Members.ContainsKey("manifest.json"))
        {
            warnings.Add(AnalysisWarning.Of("triage.manifest.not-first", FindingArgument.Of("member", ArgumentType.Path, TriageBundleReader.Printable(first))));
        }

        var bundle = new TriageParser(reader.Members, warnings);
        bundle.Parse();
        reader.Members.Clear();
        var rules = new TriageRules(bundle);
        rules.Run();
        WriteTables(bundle, sink);

        var result = new TriageResult(bundle.Host, bundle.Os, TriageParser.Iso(bundle.CollectedAt?.ToUnixTimeSeconds()), bundle.Collector,
            bundle.Processes, bundle.Connections, bundle.Persistence, bundle.Modules, bundle.Accounts, [.. bundle.Auth.Where(a => !a.Success)], bundle.Files);
        sink.Summary(JsonSerializer.Serialize(new
        {
            kind = "triage",
            host = result.Host,
            os = result.Os,
            collectedAt = result.CollectedAt,
            collector = result.Collector,
            processes = result.Processes.Count,
            connections = result.Connections.Count,
            persistence = result.Persistence.Count,
            modules = result.Modules.Count,
            accounts = result.Accounts.Count,
            authFailures = result.AuthFailures.Count,
            files = result.Files.Count,
        }, Json));

        input.Progress?.Report(1);
        return new AnalysisOutcome(rules.Findings, rules.Indicators, warnings, Events(bundle), result);
    }

    /// <summary>The most flagged processes whose start reaches the case timeline (the others stay in the processes table).</summary>
    public const int MaxTimelineProcesses = 50;

    /// <summary>
    /// Timeline events: when the bundle was collected, and when each process a rule flagged started (at most
    /// <see cref="MaxTimelineProcesses"/>, earliest first): an ordinary host's hundreds of boot-time starts would bury the case's timeline.
    /// </summary>
    private static List<AnalysisEvent> Events(TriageParser bundle)
    {
        List<AnalysisEvent> events = [];
        if (bundle.CollectedAt is { } collected)
        {
            events.Add(new AnalysisEvent(TimelineEntryKind.TriageCollected, collected.ToUnixTimeSeconds() * 1_000_000_000, bundle.Host, bundle.Collector));
        }

        events.AddRange(bundle.Processes
            .Where(p => p.Flags is { Count: > 0 } && p.StartUnix is > 0)
            .OrderBy(p => p.StartUnix)
            .Take(MaxTimelineProcesses)
            .Select(p => new AnalysisEvent(TimelineEntryKind.ProcessStarted, p.StartUnix!.Value * 1_000_000_000, bundle.Host,
                string.Create(CultureInfo.InvariantCulture, $"pid {p.Pid} {p.Name} {(string.IsNullOrEmpty(p.Exe) ? p.Cmdline : p.Exe)}: {string.Join(", ", p.Flags!)}"))));
        return events;
    }

    private static void WriteTables(TriageParser bundle, IResultSink sink)
    {
        var names = bundle.Processes.GroupBy(p => p.Pid).ToDictionary(g => g.Key, g => g.First().Name);
        var processes = sink.Table(ProcessesTable);
        foreach (var p in bundle.Processes)
        {
            processes.Add(p.Pid, p.Ppid, p.Name, p.Cmdline, p.Exe, p.Uid, p.StartUnix * 1_000_000_000, p.CpuSeconds, p.Flags is null ? null : string.Join(',', p.Flags));
        }

        var connections = sink.Table(ConnectionsTable);
        foreach (var c in bundle.Connections)
        {
            connections.Add(c.Pid, c.Pid is { } pid ? names.GetValueOrDefault(pid) : null, c.Protocol, c.Local.ToString(), c.Remote.ToString(), c.State);
        }

        var persistence = sink.Table(PersistenceTable);
        foreach (var s in bundle.Persistence)
        {
            persistence.Add(s.Kind, s.Location, s.Command);
        }

        var modules = sink.Table(ModulesTable);
        foreach (var m in bundle.Modules)
        {
            modules.Add(m.Name, m.Size, m.UsedBy, m.Taint);
        }

        var accounts = sink.Table(AccountsTable);
        foreach (var a in bundle.Accounts)
        {
            accounts.Add(a.Name, a.Uid, a.Shell, a.Home, a.Note);
        }

        var auth = sink.Table(AuthFailuresTable);
        foreach (var e in bundle.Auth.Where(a => !a.Success))
        {
            auth.Add(e.Unix * 1_000_000_000, e.Source, e.User, e.Service);
        }

        var files = sink.Table(FilesTable);
        foreach (var f in bundle.Files)
        {
            files.Add(f.Path, f.Sha256, f.Size, f.Magic, f.MtimeUnix * 1_000_000_000);
        }
    }

    public async Task WriteJsonAsync(AnalysisOutcome outcome, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var english = CultureInfo.InvariantCulture;
        var document = new
        {
            kind = "triage",
            analyser = Name,
            version = Version,
            triage = (TriageResult)outcome.Result,
            findings = outcome.Findings.Select(f => new
            {
                code = f.Code,
                severity = f.Severity,
                attack = f.Attack,
                title = FindingText.Title(f, Catalogue, english),
                explanation = FindingText.Explanation(f, Catalogue, english),
                arguments = f.Arguments.ToDictionary(a => a.Name, a => a.Total > 1 || a.Values.Count > 1 ? (object)new { values = a.Values, total = a.Total } : a.Value),
                reference = f.Reference,
            }),
            indicators = outcome.Indicators.Select(i => new { type = i.Type, value = i.Value, context = i.Context }),
            warnings = outcome.Warnings.Select(w => new { code = w.Code, text = FindingText.Warning(w, Catalogue, english) }),
        };
        await JsonSerializer.SerializeAsync(output, document, Json, cancellationToken);
    }

    public async Task WriteTextAsync(AnalysisOutcome outcome, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        var english = CultureInfo.InvariantCulture;
        var r = (TriageResult)outcome.Result;
        await output.WriteLineAsync($"Triage bundle of {r.Host} ({r.Os}), collected {r.CollectedAt ?? "?"} by {r.Collector ?? "?"}");
        await output.WriteLineAsync($"  {r.Processes.Count} processes, {r.Connections.Count} sockets, {r.Persistence.Count} start-up items, {r.Modules.Count} modules, "
                                    + $"{r.Accounts.Count} accounts, {r.AuthFailures.Count} failed logins, {r.Files.Count} executables in watched directories");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Findings ({outcome.Findings.Count}):");
        foreach (var f in outcome.Findings.OrderByDescending(f => f.Severity))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync($"  [{f.Severity}] {FindingText.Title(f, Catalogue, english)}");
            await output.WriteLineAsync($"      {FindingText.Explanation(f, Catalogue, english)}");
        }

        if (outcome.Indicators.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Indicators ({outcome.Indicators.Count}):");
            foreach (var i in outcome.Indicators.Take(100))
            {
                await output.WriteLineAsync($"  {i.Type,-12} {i.Value}");
            }
        }

        if (outcome.Warnings.Count > 0)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Warnings ({outcome.Warnings.Count}):");
            foreach (var w in outcome.Warnings)
            {
                await output.WriteLineAsync("  " + FindingText.Warning(w, Catalogue, english));
            }
        }
    }
}

using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetTriageView;

/// <summary>
/// A host triage bundle's analysis as its evidence page heads it: the run's summary (host, collection time, counts), the
/// process tree (parent chains, the processes rules flagged), failed logins over time and by source, and the tables for the
/// tabs (processes, connections, persistence, modules, accounts, auth_failures, files; paged by <see cref="GetResultTableQuery"/>).
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetTriageViewQuery(Guid EvidenceId) : IQuery<TriageViewDto>;

public sealed record TriageViewDto(
    Guid EvidenceId,
    Guid CaseId,
    string Name,
    TriageSummaryDto Summary,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ResultTableTabDto> Tables,
    IReadOnlyList<TriageProcessNode> Roots,
    int ProcessesShown,
    long ProcessesTotal,
    TriageAuthDto Auth);

/// <summary>The summary document's facts (times as ISO 8601 UTC text, as the analyser wrote them).</summary>
public sealed record TriageSummaryDto(
    string Host,
    string Os,
    string? CollectedAt,
    string? Collector,
    long Processes,
    long Connections,
    long Persistence,
    long Modules,
    long Accounts,
    long AuthFailures,
    long Files);

/// <summary>
/// One process in the tree. <see cref="Flags"/> are the rules that flagged it (fake-kernel-thread, deleted-exe …);
/// <see cref="Suspicious"/> is true when it or a descendant is flagged (its branch opens by default).
/// </summary>
public sealed record TriageProcessNode(
    long Pid,
    long Ppid,
    string Name,
    string Cmdline,
    string Exe,
    string Uid,
    long? StartNanoseconds,
    double? CpuSeconds,
    IReadOnlyList<string> Flags,
    IReadOnlyList<TriageProcessNode> Children)
{
    public bool Suspicious { get; init; }
}

/// <summary>
/// Failed logins: <see cref="Buckets"/> counts them in equal slices of [<see cref="From"/>, <see cref="To"/>]
/// (nanoseconds since the Unix epoch); <see cref="Sources"/> are the most frequent sources.
/// </summary>
public sealed record TriageAuthDto(long Total, int Read, long? From, long? To, IReadOnlyList<long> Buckets, IReadOnlyList<TriageAuthSource> Sources);

public sealed record TriageAuthSource(string Source, long Failures, long? First, long? Last);

public sealed class GetTriageViewQueryHandler(IApplicationDbContext db, IAnalysisRunStore store, IAnalyserRegistry analysers)
    : IQueryHandler<GetTriageViewQuery, TriageViewDto>
{
    /// <summary>The tree shows at most this many processes (a host has a few thousand; the table pages all of them).</summary>
    public const int MaxTreeProcesses = 10_000;

    /// <summary>Failed logins read for the chart and the sources (the table pages all of them).</summary>
    public const int MaxAuthRows = 50_000;

    public const int AuthBuckets = 48;

    /// <summary>Deepest nesting of the tree (a forged parent chain must not exhaust the stack); deeper processes start a tree of their own.</summary>
    public const int MaxDepth = 64;

    private const int PageSize = 1000;

    public async ValueTask<TriageViewDto> Handle(GetTriageViewQuery query, CancellationToken cancellationToken)
    {
        var run = await AnalysedRun.LoadAsync(db, store, analysers, query.EvidenceId, cancellationToken);
        if (run.AnalyserName != "triage")
        {
            throw new NotFoundException("Triage results", query.EvidenceId);
        }

        var json = await store.SummaryAsync(run.Id, run.Run, cancellationToken);
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var tables = run.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var (roots, shown, total) = tables.Contains("processes") ? await TreeAsync(run.Id, run.Run, cancellationToken) : ([], 0, 0);
        var auth = tables.Contains("auth_failures") ? await AuthAsync(run.Id, run.Run, cancellationToken) : new TriageAuthDto(0, 0, null, null, [], []);
        return new TriageViewDto(
            query.EvidenceId,
            run.CaseId,
            run.Name,
            Parse(json),
            run.Warnings,
            run.Tables.Select(t => new ResultTableTabDto(t.Name, ResultLabels.Table(run.Catalogue, t.Name, culture))).ToList(),
            roots,
            shown,
            total,
            auth);
    }

    /// <summary>Reads the triage summary document; missing members read as empty or zero.</summary>
    public static TriageSummaryDto Parse(string? json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long Count(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
        return new TriageSummaryDto(
            Text("host") ?? string.Empty, Text("os") ?? string.Empty, Text("collectedAt"), Text("collector"),
            Count("processes"), Count("connections"), Count("persistence"), Count("modules"), Count("accounts"), Count("authFailures"), Count("files"));
    }

    private async Task<(IReadOnlyList<TriageProcessNode> Roots, int Shown, long Total)> TreeAsync(EvidenceId id, int run, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        ResultPage page;
        var number = 1;
        do
        {
            page = await store.QueryAsync(id, run, new ResultQuery("processes", Page: number++, PageSize: PageSize), cancellationToken);
            rows.AddRange(page.Rows);
        }
        while (rows.Count < page.Total && rows.Count < MaxTreeProcesses && page.Rows.Count > 0);

        var schema = page.Table;
        int Column(string name) => schema.IndexOf(name);
        int pidAt = Column("pid"), ppidAt = Column("ppid"), nameAt = Column("name"), cmdAt = Column("cmdline"), exeAt = Column("exe"),
            uidAt = Column("uid"), startAt = Column("start_time"), cpuAt = Column("cpu_seconds"), flagsAt = Column("flags");
        var processes = rows.Take(MaxTreeProcesses).Select(r => new Row(
            Long(r, pidAt) ?? 0, Long(r, ppidAt) ?? 0, Str(r, nameAt), Str(r, cmdAt), Str(r, exeAt), Str(r, uidAt), Long(r, startAt),
            r.ElementAtOrDefault(cpuAt) is double cpu ? cpu : Long(r, cpuAt),
            Str(r, flagsAt).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList();

        // Children by parent; a process whose parent is not in the list (or is itself, or would close a cycle) is a root.
        var byPid = processes.GroupBy(p => p.Pid).ToDictionary(g => g.Key, g => g.First());
        var children = processes.Where(p => p.Ppid != p.Pid && byPid.ContainsKey(p.Ppid)).GroupBy(p => p.Ppid).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Pid).ToList());
        var placed = new HashSet<long>();
        TriageProcessNode Build(Row p, int depth)
        {
            placed.Add(p.Pid);
            var kids = depth < MaxDepth ? children.GetValueOrDefault(p.Pid) ?? [] : [];
            var built = new List<TriageProcessNode>(kids.Count);
            foreach (var kid in kids)
            {
                if (!placed.Contains(kid.Pid))
                {
                    built.Add(Build(kid, depth + 1));
                }
            }

            return new TriageProcessNode(p.Pid, p.Ppid, p.Name, p.Cmdline, p.Exe, p.Uid, p.Start, p.Cpu, p.Flags, built)
            {
                Suspicious = p.Flags.Length > 0 || built.Any(b => b.Suspicious),
            };
        }

        var roots = new List<TriageProcessNode>();
        foreach (var p in processes.Where(p => p.Ppid == p.Pid || !byPid.ContainsKey(p.Ppid)).OrderBy(p => p.Pid))
        {
            roots.Add(Build(p, 0));
        }

        // Whatever a parent cycle (or a chain deeper than MaxDepth) left unplaced starts a tree of its own.
        foreach (var p in processes)
        {
            if (!placed.Contains(p.Pid))
            {
                roots.Add(Build(p, 0));
            }
        }

        return (roots, processes.Count, page.Total);
    }

    private async Task<TriageAuthDto> AuthAsync(EvidenceId id, int run, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        ResultPage page;
        var number = 1;
        do
        {
            page = await store.QueryAsync(id, run, new ResultQuery("auth_failures", Page: number++, PageSize: PageSize), cancellationToken);
            rows.AddRange(page.Rows);
        }
        while (rows.Count < page.Total && rows.Count < MaxAuthRows && page.Rows.Count > 0);

        int timeAt = page.Table.IndexOf("time"), sourceAt = page.Table.IndexOf("source");
        var events = rows.Select(r => (Time: Long(r, timeAt), Source: Str(r, sourceAt))).ToList();
        var times = events.Where(e => e.Time is not null).Select(e => e.Time!.Value).ToList();
        long? from = times.Count > 0 ? times.Min() : null, to = times.Count > 0 ? times.Max() : null;
        var buckets = new long[times.Count > 0 ? AuthBuckets : 0];
        if (from is { } start && to is { } end)
        {
            var span = Math.Max(1, end - start);
            foreach (var t in times)
            {
                buckets[(int)Math.Min(AuthBuckets - 1, (double)(t - start) / span * AuthBuckets)]++;
            }
        }

        var sources = events.GroupBy(e => e.Source.Length > 0 ? e.Source : "-", StringComparer.Ordinal)
            .Select(g => new TriageAuthSource(g.Key, g.LongCount(), g.Min(e => e.Time), g.Max(e => e.Time)))
            .OrderByDescending(s => s.Failures).ThenBy(s => s.Source, StringComparer.Ordinal).Take(10).ToList();
        return new TriageAuthDto(page.Total, rows.Count, from, to, buckets, sources);
    }

    private static long? Long(object?[] row, int at) => at >= 0 && at < row.Length ? row[at] switch
    {
        long l => l,
        double d => (long)d,
        _ => null,
    } : null;

    private static string Str(object?[] row, int at) => at >= 0 && at < row.Length && row[at] is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    private sealed record Row(long Pid, long Ppid, string Name, string Cmdline, string Exe, string Uid, long? Start, double? Cpu, string[] Flags);
}

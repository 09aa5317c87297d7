using System.Globalization;
using CaseManager.Application.Analysis.Traffic;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetTrafficView;

public enum TrafficTable
{
    Conversations,
    Dns,
    Http,
    Tls,
    Stratum,
    Irc,
}

/// <summary>
/// A capture's analysis as the evidence page shows it: a summary and one table, filtered (any cell
/// contains the text), sorted and paged on the server, so a table of 100 000 rows never reaches the browser whole.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetTrafficViewQuery(Guid EvidenceId, TrafficTable Table, string? Filter, int SortColumn = -1, bool Descending = false, int Page = 1, int PageSize = 50)
    : IQuery<TrafficViewDto>;

public sealed record TrafficViewDto(
    Guid EvidenceId,
    Guid CaseId,
    string Name,
    TrafficSummaryDto Summary,
    TrafficTable Table,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<int?> RowStreams,
    int TotalRows,
    int Page,
    int PageSize)
{
    public int TotalPages => Math.Max(1, (int)Math.Ceiling(TotalRows / (double)PageSize));
}

public sealed record TrafficSummaryDto(
    long Packets,
    long Bytes,
    string? FirstSeen,
    string? LastSeen,
    int Hosts,
    int Conversations,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<TopTalkerDto> TopTalkers,
    IReadOnlyList<int> ConversationStarts);

/// <summary>An address and the bytes it sent plus received.</summary>
public sealed record TopTalkerDto(string Ip, bool Internal, long Bytes);

public sealed class GetTrafficViewQueryHandler(IApplicationDbContext db, IAnalysisResultStore results) : IQueryHandler<GetTrafficViewQuery, TrafficViewDto>
{
    public const int MaxPageSize = 200;

    public async ValueTask<TrafficViewDto> Handle(GetTrafficViewQuery query, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(query.EvidenceId);
        var item = await db.Evidence.AsNoTracking().Where(e => e.Id == id)
                       .Select(e => new { e.CaseId, e.OriginalName, e.AnalysisRun, e.AnalysisStatus })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException(nameof(EvidenceItem), query.EvidenceId);
        var result = item.AnalysisStatus is AnalysisStatus.Succeeded or AnalysisStatus.SucceededWithWarnings
            ? await results.LoadTrafficAsync(id, item.AnalysisRun, cancellationToken)
            : null;
        if (result is null)
        {
            throw new NotFoundException("Traffic analysis", query.EvidenceId);
        }

        var (columns, rows) = TableOf(result, query.Table);
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            var filter = query.Filter.Trim();
            rows = rows.Where(r => r.Cells.Any(c => c.Contains(filter, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        if (query.SortColumn >= 0 && query.SortColumn < columns.Count)
        {
            var column = query.SortColumn;
            rows = (query.Descending
                ? rows.OrderByDescending(r => r.Cells[column], NaturalComparer.Instance)
                : rows.OrderBy(r => r.Cells[column], NaturalComparer.Instance)).ToList();
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        var slice = rows.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return new TrafficViewDto(
            query.EvidenceId,
            item.CaseId.Value,
            item.OriginalName,
            Summarise(result),
            query.Table,
            columns,
            slice.Select(r => (IReadOnlyList<string>)r.Cells).ToList(),
            slice.Select(r => r.Stream).ToList(),
            rows.Count,
            page,
            pageSize);
    }

    private static TrafficSummaryDto Summarise(TrafficAnalysisResult r) => new(
        r.Packets,
        r.Bytes,
        r.FirstSeen?.ToString(),
        r.LastSeen?.ToString(),
        r.Hosts.Count,
        r.Conversations.Count,
        new Dictionary<string, int>
        {
            ["tcp"] = r.Conversations.Count(c => c.Protocol.ToString().Equals("tcp", StringComparison.OrdinalIgnoreCase)),
            ["udp"] = r.Conversations.Count(c => c.Protocol.ToString().Equals("udp", StringComparison.OrdinalIgnoreCase)),
            ["dns"] = r.Dns.Count,
            ["http"] = r.Http.Count,
            ["tls"] = r.Tls.Count,
            ["irc"] = r.Irc.Count,
            ["stratum"] = r.Stratum.Count,
        },
        r.Warnings,
        r.Hosts.OrderByDescending(h => h.BytesSent + h.BytesReceived).Take(10)
            .Select(h => new TopTalkerDto(h.Ip, h.Internal, h.BytesSent + h.BytesReceived)).ToList(),
        StartsOverTime(r));

    /// <summary>How many conversations started in each of <see cref="Buckets"/> equal slices of the capture's time span.</summary>
    private static List<int> StartsOverTime(TrafficAnalysisResult r)
    {
        var buckets = new int[Buckets];
        if (r.FirstSeen is not { } first || r.LastSeen is not { } last || r.Conversations.Count == 0)
        {
            return [.. buckets];
        }

        var span = Math.Max(1, last.TotalNanoseconds - first.TotalNanoseconds);
        foreach (var c in r.Conversations)
        {
            var slot = (int)((c.FirstSeen.TotalNanoseconds - first.TotalNanoseconds) * (double)Buckets / span);
            buckets[Math.Clamp(slot, 0, Buckets - 1)]++;
        }

        return [.. buckets];
    }

    public const int Buckets = 40;

    private static (IReadOnlyList<string> Columns, List<Row> Rows) TableOf(TrafficAnalysisResult r, TrafficTable table) => table switch
    {
        TrafficTable.Conversations => (
            ["Protocol", "A", "B", "Packets A→B", "Bytes A→B", "Packets B→A", "Bytes B→A", "First seen", "Last seen"],
            r.Conversations.Select(c => new Row(
                [c.Protocol.ToString().ToLowerInvariant(), $"{c.A.Ip}:{c.A.Port}", $"{c.B.Ip}:{c.B.Port}", N(c.PacketsAToB), N(c.BytesAToB), N(c.PacketsBToA), N(c.BytesBToA),
                 c.FirstSeen.ToString(), c.LastSeen.ToString()], null)).ToList()),
        TrafficTable.Dns => (
            ["Time", "Source", "Destination", "Response", "Rcode", "Questions", "Answers"],
            r.Dns.Select(d => new Row(
                [d.Time.ToString(), d.Src, d.Dst, d.IsResponse ? "yes" : "no", d.Rcode?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                 string.Join(", ", d.Questions.Select(q => $"{q.Name} {q.Type}")),
                 string.Join(", ", d.Answers.Select(a => $"{a.Name} {a.Type} {a.Value}"))], null)).ToList()),
        TrafficTable.Http => (
            ["Time", "Source", "Destination", "Method", "Host", "URI", "User-Agent"],
            r.Http.Select(h => new Row([h.Time.ToString(), h.Src, $"{h.Dst}:{h.DstPort}", h.Method, h.Host ?? string.Empty, h.Uri, h.UserAgent ?? string.Empty], null)).ToList()),
        TrafficTable.Tls => (
            ["Time", "Source", "Destination", "SNI", "JA3"],
            r.Tls.Select(t => new Row([t.Time.ToString(), t.Src, $"{t.Dst}:{t.DstPort}", t.Sni ?? string.Empty, t.Ja3], null)).ToList()),
        TrafficTable.Stratum => (
            ["Time", "Source", "Destination", "Method", "Login", "Agent"],
            r.Stratum.Select(s => new Row([s.Time.ToString(), s.Src, $"{s.Dst}:{s.DstPort}", s.Method, s.Login ?? string.Empty, s.Agent ?? string.Empty], null)).ToList()),
        TrafficTable.Irc => (
            ["Client", "Server", "Server name", "Nicks", "Channels", "Topics", "Messages"],
            r.Irc.Select(i => new Row(
                [$"{i.Client.Ip}:{i.Client.Port}", $"{i.Server.Ip}:{i.Server.Port}", i.ServerName ?? string.Empty, string.Join(", ", i.Nicks),
                 string.Join(", ", i.Channels), string.Join(" | ", i.Topics), N(i.PrivateMessages)], i.Stream)).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(string[] Cells, int? Stream);

    /// <summary>Orders numbers by value and everything else as text.</summary>
    private sealed class NaturalComparer : IComparer<string>
    {
        public static readonly NaturalComparer Instance = new();

        public int Compare(string? x, string? y) =>
            decimal.TryParse(x, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(y, NumberStyles.Number, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The "Follow TCP Stream" view of one IRC session of a capture.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetIrcTranscriptQuery(Guid EvidenceId, int Stream) : IQuery<IrcTranscriptDto>;

public sealed record IrcTranscriptDto(Guid EvidenceId, string Name, IrcSessionRecord Session);

public sealed class GetIrcTranscriptQueryHandler(IApplicationDbContext db, IAnalysisResultStore results) : IQueryHandler<GetIrcTranscriptQuery, IrcTranscriptDto>
{
    public async ValueTask<IrcTranscriptDto> Handle(GetIrcTranscriptQuery query, CancellationToken cancellationToken)
    {
        var id = new EvidenceId(query.EvidenceId);
        var item = await db.Evidence.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.OriginalName, e.AnalysisRun })
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException(nameof(EvidenceItem), query.EvidenceId);
        var result = await results.LoadTrafficAsync(id, item.AnalysisRun, cancellationToken);
        var session = result?.Irc.FirstOrDefault(s => s.Stream == query.Stream)
            ?? throw new NotFoundException("IRC session", query.Stream);
        return new IrcTranscriptDto(query.EvidenceId, item.OriginalName, session);
    }
}

using System.Text.Json;
using CaseManager.Application.Analysis;
using CaseManager.Application.Evidence.Queries.GetResultTable;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Evidence.Queries.GetTrafficView;

/// <summary>
/// A capture's analysis as the traffic page heads it: the run's summary document (counts, top talkers, time buckets)
/// and its tables for the tabs. The tables themselves are paged by <see cref="GetResultTableQuery"/>.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetTrafficViewQuery(Guid EvidenceId) : IQuery<TrafficViewDto>;

public sealed record TrafficViewDto(Guid EvidenceId, Guid CaseId, string Name, TrafficSummaryDto Summary, IReadOnlyList<ResultTableTabDto> Tables);

/// <summary>
/// The summary document's figures; <c>FirstSeen</c>/<c>LastSeen</c> are nanoseconds since the Unix epoch and
/// <c>ConversationStarts</c> counts the conversations started in each equal slice of the capture's time span.
/// </summary>
public sealed record TrafficSummaryDto(
    long Packets,
    long Bytes,
    long? FirstSeen,
    long? LastSeen,
    long Hosts,
    long Conversations,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<TopTalkerDto> TopTalkers,
    IReadOnlyList<long> ConversationStarts)
{
    /// <summary>The equal time slices of the capture: start (ns since the epoch), conversations started, packets and bytes.</summary>
    public IReadOnlyList<TimeBucketDto> Buckets { get; init; } = [];
}

/// <summary>
/// One time slice of a capture: its start (nanoseconds since the Unix epoch) and what it held; <see cref="Active"/> counts
/// the conversations open at any moment of the slice (one that spans several slices counts in each).
/// </summary>
public sealed record TimeBucketDto(long Start, long ConversationsStarted, long Packets, long Bytes)
{
    public long Active { get; init; }
}

/// <summary>An address and the bytes it sent plus received.</summary>
public sealed record TopTalkerDto(string Ip, bool Internal, long Bytes);

public sealed class GetTrafficViewQueryHandler(IApplicationDbContext db, IAnalysisRunStore store, IAnalyserRegistry analysers)
    : IQueryHandler<GetTrafficViewQuery, TrafficViewDto>
{
    private const string ConversationsTable = "conversations";

    public async ValueTask<TrafficViewDto> Handle(GetTrafficViewQuery query, CancellationToken cancellationToken)
    {
        var run = await AnalysedRun.LoadAsync(db, store, analysers, query.EvidenceId, cancellationToken);
        var json = await store.SummaryAsync(run.Id, run.Run, cancellationToken);
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var summary = Parse(json, run.Warnings);
        if (summary.Buckets.Count > 0 && summary.LastSeen is { } last && run.Tables.Any(t => t.Name == ConversationsTable))
        {
            // Active conversations per slice, from the conversations table's first/last times (the summary counts starts).
            var bounds = summary.Buckets.Select(b => b.Start).Append(Math.Max(last, summary.Buckets[^1].Start)).ToList();
            var active = await store.CountSpansAsync(run.Id, run.Run, ConversationsTable, "first_seen", "last_seen", bounds, cancellationToken);
            if (active.Length == summary.Buckets.Count)
            {
                summary = summary with { Buckets = [.. summary.Buckets.Select((b, i) => b with { Active = active[i] })] };
            }
        }

        return new TrafficViewDto(
            query.EvidenceId,
            run.CaseId,
            run.Name,
            summary,
            run.Tables.Select(t => new ResultTableTabDto(t.Name, ResultLabels.Table(run.Catalogue, t.Name, culture))).ToList());
    }

    /// <summary>Reads the traffic summary document (see the team's table schemas); missing members read as zero or empty.</summary>
    public static TrafficSummaryDto Parse(string? json, IReadOnlyList<string> warnings)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        var root = document.RootElement;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (root.TryGetProperty("counts", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in c.EnumerateObject())
            {
                counts[p.Name] = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt64() : 0;
            }
        }

        var talkers = Array(root, "topTalkers")
            .Select(t => new TopTalkerDto(String(t, "ip") ?? string.Empty, t.TryGetProperty("internal", out var i) && i.ValueKind == JsonValueKind.True, Long(t, "bytes") ?? 0))
            .ToList();
        var starts = Array(root, "timeBuckets").Select(b => Long(b, "conversations") ?? 0).ToList();
        return new TrafficSummaryDto(
            Long(root, "packets") ?? 0,
            Long(root, "bytes") ?? 0,
            Long(root, "firstSeen"),
            Long(root, "lastSeen"),
            Long(root, "hosts") ?? 0,
            Long(root, "conversations") ?? 0,
            counts,
            warnings,
            talkers,
            starts)
        {
            Buckets = Array(root, "timeBuckets")
                .Select(b => new TimeBucketDto(Long(b, "start") ?? 0, Long(b, "conversations") ?? 0, Long(b, "packets") ?? 0, Long(b, "bytes") ?? 0))
                .ToList(),
        };
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : [];

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

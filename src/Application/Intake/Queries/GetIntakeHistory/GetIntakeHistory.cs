using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Intake.Queries.GetIntakeHistory;

/// <summary>Every saved version of the intake (who, when, draft or submitted).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record ListIntakeVersionsQuery(Guid CaseId) : IQuery<IReadOnlyList<IntakeVersionDto>>;

public sealed record IntakeVersionDto(int Number, IntakeStatus Status, string SavedBy, bool SavedByClient, DateTimeOffset SavedAt);

public sealed class ListIntakeVersionsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListIntakeVersionsQuery, IReadOnlyList<IntakeVersionDto>>
{
    public async ValueTask<IReadOnlyList<IntakeVersionDto>> Handle(ListIntakeVersionsQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        return await db.Intakes.AsNoTracking()
            .Where(i => i.CaseId == caseId)
            .SelectMany(i => i.Versions)
            .OrderByDescending(v => v.Number)
            .Select(v => new IntakeVersionDto(v.Number, v.Status, v.SavedBy, v.SavedByClient, v.SavedAt))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>What changed between two versions, field by field (consultant-only fields included).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record GetIntakeDiffQuery(Guid CaseId, int From, int To) : IQuery<IReadOnlyList<IntakeChangeDto>>;

public sealed record IntakeChangeDto(string Field, string? Before, string? After);

public sealed class GetIntakeDiffQueryHandler(IApplicationDbContext db) : IQueryHandler<GetIntakeDiffQuery, IReadOnlyList<IntakeChangeDto>>
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async ValueTask<IReadOnlyList<IntakeChangeDto>> Handle(GetIntakeDiffQuery query, CancellationToken cancellationToken)
    {
        var caseId = new CaseId(query.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            throw new NotFoundException(nameof(IncidentCase), query.CaseId);
        }

        var versions = await db.Intakes.AsNoTracking()
            .Where(i => i.CaseId == caseId)
            .SelectMany(i => i.Versions)
            .Where(v => v.Number == query.From || v.Number == query.To)
            .ToListAsync(cancellationToken);
        var from = versions.SingleOrDefault(v => v.Number == query.From) ?? throw new NotFoundException("Intake version", query.From);
        var to = versions.SingleOrDefault(v => v.Number == query.To) ?? throw new NotFoundException("Intake version", query.To);

        var before = Flatten(from);
        var after = Flatten(to);
        return before.Keys.Union(after.Keys)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => new IntakeChangeDto(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>Turns a version into "field path → text" pairs, e.g. <c>hosts[0].hostname → web01</c>.</summary>
    internal static Dictionary<string, string> Flatten(IntakeVersion version)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(JsonSerializer.SerializeToElement(new { data = version.Data, @internal = version.Internal }, Json), string.Empty, result);
        return result;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string> result)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", result);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), result);
                }

                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.String:
                if (element.GetString() is { Length: > 0 } text)
                {
                    result[path] = text;
                }

                break;
            default:
                result[path] = element.GetRawText();
                break;
        }
    }
}

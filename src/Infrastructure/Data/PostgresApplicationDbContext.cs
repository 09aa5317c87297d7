using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;

namespace CaseManager.Infrastructure.Data;

/// <summary>The production store (timestamptz columns; all times are written in UTC).</summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options, ICurrentUser currentUser)
    : ApplicationDbContext(options, currentUser)
{
    /// <summary>
    /// ILIKE in each query: one trigram index scan finds the value in any case (the LIKE of the base needs one per case
    /// form), with no round trip before.
    /// </summary>
    public override Task<IndicatorMatches> IndicatorsContainingAsync(string term, CancellationToken cancellationToken)
    {
        var pattern = LikePattern.Containing(term);
        return Task.FromResult(new IndicatorMatches(
            EvidenceIndicators.Where(i => EF.Functions.ILike(i.Value, pattern, LikePattern.Escape)),
            CaseIndicators.Where(i => EF.Functions.ILike(i.Value, pattern, LikePattern.Escape)),
            Cut: false));
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Search matches LIKE '%term%' (Application's LikePattern): trigram indexes answer it without reading every row
        // (titles, descriptions, numbers, intake hosts, indicator values).
        // pg_trgm is a trusted extension: the database's owner may create it. The indexes on lower("Title") and
        // lower("Description") are expressions, which the model cannot hold: migrations create them.
        // Short texts that share frequent trigrams use GiST with 256-byte signatures (an operator class parameter, which
        // the model cannot hold either: migrations CaseTextSearch and SearchGist create them): indicator values
        // (hundreds of thousands share ".com", "example"), case titles ("incident", "ransomware") and intake hosts
        // (".corp.example"). Their long GIN posting lists made one lookup 1-7 ms; GiST answers it in 0.1-1 ms. Numbers and
        // descriptions keep GIN (numbers are short and distinct; a long description would fill a GiST signature).
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<IncidentCase>().HasIndex(c => c.Number, "IX_cases_Number_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

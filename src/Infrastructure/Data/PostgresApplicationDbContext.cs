using CaseManager.Domain.Cases;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Indicators;
using CaseManager.Domain.Intake;

namespace CaseManager.Infrastructure.Data;

/// <summary>The production store (timestamptz columns; all times are written in UTC).</summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options, ICurrentUser currentUser)
    : ApplicationDbContext(options, currentUser)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Search matches LIKE '%term%' (Application's LikePattern): trigram indexes answer it without reading every row
        // (titles, descriptions, numbers, intake hosts, indicator values).
        // pg_trgm is a trusted extension: the database's owner may create it. The indexes on lower("Title") and
        // lower("Description") are expressions, which the model cannot hold: the SearchIndexes migration creates them.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<IntakeForm>().HasIndex(i => i.HostSearchText).HasDatabaseName("IX_intake_forms_HostSearch_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<IncidentCase>().HasIndex(c => c.Number, "IX_cases_Number_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<EvidenceIndicator>().HasIndex(i => i.Value, "IX_evidence_indicators_Value_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<CaseIndicator>().HasIndex(i => i.Value, "IX_case_indicators_Value_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

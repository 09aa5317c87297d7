using CaseManager.Domain.Cases;
using CaseManager.Domain.Intake;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaseManager.Infrastructure.Data;

/// <summary>The embedded default store. SQLite cannot order or compare DateTimeOffset text, so it is stored as a sortable number.</summary>
public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options, ICurrentUser currentUser)
    : ApplicationDbContext(options, currentUser)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Search matches LIKE '%term%', which no SQLite index can seek: every row is read. These covering indexes hold
        // only what the search reads (the text, the tenant column and the case id), so the scan reads a small index instead
        // of the rows (an intake row carries its JSON; reading HostSearchText at the row's end walks the JSON's overflow pages).
        builder.Entity<IncidentCase>().HasIndex(c => new { c.Title, c.Number, c.ClientId, c.Id }).HasDatabaseName("IX_cases_Search");
        builder.Entity<IntakeForm>().HasIndex(i => new { i.HostSearchText, i.ClientId, i.CaseId }).HasDatabaseName("IX_intake_forms_HostSearch");
    }
}

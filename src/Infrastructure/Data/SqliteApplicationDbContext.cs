using CaseManager.Domain.Cases;
using CaseManager.Domain.Intake;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaseManager.Infrastructure.Data;

/// <summary>The embedded default store. SQLite cannot order or compare DateTimeOffset text, so it is stored as a sortable number.</summary>
public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options, ICurrentUser currentUser)
    : ApplicationDbContext(options, currentUser)
{
    /// <summary>The trigram tokenizer indexes runs of three characters: a shorter term cannot be looked up in it.</summary>
    public const int MinIndexedTermLength = 3;

    /// <summary>
    /// Terms of three characters or more are looked up in <c>case_search</c>, an FTS5 table with the trigram tokenizer over
    /// <c>case_search_docs</c> (one row per case: number, title, description, intake hosts), which triggers on
    /// <c>cases</c> and <c>intake_forms</c> keep current (the CaseTextSearch migration). The term is one quoted phrase:
    /// its trigrams in order, which is "contains", ignoring case; quotes, % and _ are literal.
    /// </summary>
    public override IQueryable<CaseId> CasesContaining(string term, bool withDescription)
    {
        if (!Indexable(term))
        {
            return base.CasesContaining(term, withDescription);
        }

        var match = (withDescription ? "{number title description hosts} : " : "{number title hosts} : ") + Phrase(term);
        return Set<CaseSearchHit>()
            .FromSql($"SELECT d.case_id AS CaseId FROM case_search_docs AS d WHERE d.id IN (SELECT rowid FROM case_search WHERE case_search MATCH {match})")
            .Select(h => h.CaseId);
    }

    /// <summary>
    /// Looked up in <c>indicator_search</c> (FTS5, trigram) over <c>indicator_search_values</c>: every distinct value of
    /// <c>evidence_indicators</c> and <c>case_indicators</c>, kept by triggers on both.
    /// </summary>
    public override IQueryable<string> IndicatorValuesContaining(string term) =>
        Indexable(term)
            ? Database.SqlQuery<string>($"SELECT v.value AS Value FROM indicator_search AS s JOIN indicator_search_values AS v ON v.id = s.rowid WHERE indicator_search MATCH {Phrase(term)}")
            : base.IndicatorValuesContaining(term);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // A term under three characters is matched with LIKE '%term%', which no SQLite index can seek: every row is read.
        // These covering indexes hold only what that search reads (the text, the tenant column and the case id), so the
        // scan reads a small index instead of the rows (an intake row carries its JSON).
        builder.Entity<IncidentCase>().HasIndex(c => new { c.Title, c.Number, c.ClientId, c.Id }).HasDatabaseName("IX_cases_Search");
        builder.Entity<IntakeForm>().HasIndex(i => new { i.HostSearchText, i.ClientId, i.CaseId }).HasDatabaseName("IX_intake_forms_HostSearch");

        // What case_search answers (a query type: no table of its own in the model; the migration creates the FTS tables).
        builder.Entity<CaseSearchHit>().HasNoKey().ToView(null)
            .Property(h => h.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
    }

    private static bool Indexable(string term) => term.EnumerateRunes().Count() >= MinIndexedTermLength;

    /// <summary>An FTS5 string: the term in double quotes, its own double quotes doubled.</summary>
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>A row of the SQLite case search (<see cref="SqliteApplicationDbContext.CasesContaining"/>).</summary>
public sealed class CaseSearchHit
{
    public CaseId CaseId { get; set; }
}

using CaseManager.Application.Common.Models;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Intake;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
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
        var found = Set<CaseSearchEntry>().Where(e => Fts5.Match(e.Index, match)).Select(e => e.RowId);
        return Set<CaseSearchDoc>().Where(d => found.Contains(d.Id)).Select(d => d.CaseId);
    }

    /// <summary>A term contained in more distinct indicator values than this is too broad: the first ones are looked up.</summary>
    public const int MaxIndicatorValues = 500;

    /// <summary>
    /// The values found in <c>indicator_search</c> (FTS5, trigram) over <c>indicator_search_values</c> (every distinct value
    /// of <c>evidence_indicators</c> and <c>case_indicators</c>, kept by triggers on both), read once: a trigram lookup of a
    /// term with frequent trigrams costs milliseconds, and each of the two queries would repeat it as a subquery.
    /// </summary>
    public override async Task<IndicatorMatches> IndicatorsContainingAsync(string term, CancellationToken cancellationToken)
    {
        if (!Indexable(term))
        {
            return await base.IndicatorsContainingAsync(term, cancellationToken);
        }

        var match = Phrase(term);
        var found = Set<IndicatorSearchEntry>().Where(e => Fts5.Match(e.Index, match)).Select(e => e.RowId);
        var values = await Set<IndicatorSearchValue>().Where(v => found.Contains(v.Id)).Select(v => v.Value)
            .Take(MaxIndicatorValues + 1).ToListAsync(cancellationToken);
        var cut = values.Count > MaxIndicatorValues;
        values = values.Take(MaxIndicatorValues).ToList();
        return new IndicatorMatches(EvidenceIndicators.Where(i => values.Contains(i.Value)), CaseIndicators.Where(i => values.Contains(i.Value)), cut);
    }

    /// <summary>Leaf pages one step of <see cref="CompactSearchIndexesAsync"/> merges: a short write lock, so analyses go on between steps.</summary>
    public const int MergePagesPerStep = 500;

    /// <summary>
    /// FTS5's incremental optimisation of <c>case_search</c> and <c>indicator_search</c>: <c>'merge'</c> with a negative page
    /// count starts merging every segment into one, positive counts continue; each step is its own transaction. A step
    /// that changed fewer than two rows did nothing: the index is one segment. (200,000 indicators written one analysis at
    /// a time leave thousands of segment pages; merged, the lookup of an IOC shared by ten cases fell from 0.76 to 0.06 ms.)
    /// </summary>
    public override async Task<int> CompactSearchIndexesAsync(CancellationToken cancellationToken)
    {
        var steps = 0;
        var connection = Database.GetDbConnection();
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in (string[])["case_search", "indicator_search"])
            {
                for (var pages = -MergePagesPerStep; ; pages = MergePagesPerStep)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT total_changes(); INSERT INTO {table}({table}, rank) VALUES('merge', {pages}); SELECT total_changes();";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    var before = reader.GetInt64(0);
                    await reader.NextResultAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    if (reader.GetInt64(0) - before < 2)
                    {
                        break;
                    }

                    steps++;
                }
            }
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }

        return steps;
    }

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

        // The FTS tables and their documents, for queries only (the CaseTextSearch migration creates them and their
        // triggers). Each FTS5 table has a hidden column named as the table, which MATCH takes.
        builder.Entity<CaseSearchDoc>(b =>
        {
            b.ToTable("case_search_docs", t => t.ExcludeFromMigrations());
            b.Property(d => d.Id).HasColumnName("id");
            b.Property(d => d.CaseId).HasColumnName("case_id").HasConversion(id => id.Value, v => new CaseId(v));
        });
        builder.Entity<CaseSearchEntry>(b =>
        {
            b.HasNoKey().ToTable("case_search", t => t.ExcludeFromMigrations());
            b.Property(e => e.RowId).HasColumnName("rowid");
            b.Property(e => e.Index).HasColumnName("case_search");
        });
        builder.Entity<IndicatorSearchValue>(b =>
        {
            b.ToTable("indicator_search_values", t => t.ExcludeFromMigrations());
            b.Property(v => v.Id).HasColumnName("id");
            b.Property(v => v.Value).HasColumnName("value");
        });
        builder.Entity<IndicatorSearchEntry>(b =>
        {
            b.HasNoKey().ToTable("indicator_search", t => t.ExcludeFromMigrations());
            b.Property(e => e.RowId).HasColumnName("rowid");
            b.Property(e => e.Index).HasColumnName("indicator_search");
        });

        // match(query, table) is SQLite's MATCH operator in function form; an FTS5 table answers it from its index. As
        // LINQ (not FromSql) the query's SQL is built once and cached, not again for every search.
        builder.HasDbFunction(typeof(Fts5).GetMethod(nameof(Fts5.Match))!)
            .HasTranslation(args => new SqlFunctionExpression("match", [args[1], args[0]], nullable: true, argumentsPropagateNullability: [true, true], typeof(bool), new BoolTypeMapping("INTEGER")));
    }

    private static bool Indexable(string term) => term.EnumerateRunes().Count() >= MinIndexedTermLength;

    /// <summary>An FTS5 string: the term in double quotes, its own double quotes doubled.</summary>
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>SQLite FTS5 in LINQ (<see cref="SqliteApplicationDbContext"/>).</summary>
public static class Fts5
{
    /// <summary>True for the rows of the FTS5 table whose hidden column <paramref name="table"/> matches <paramref name="query"/>.</summary>
    public static bool Match(string table, string query) => throw new NotSupportedException("Fts5.Match runs in SQLite queries only.");
}

/// <summary>A document of <c>case_search</c>: the case it stands for (<see cref="SqliteApplicationDbContext.CasesContaining"/>).</summary>
public sealed class CaseSearchDoc
{
    public long Id { get; set; }

    public CaseId CaseId { get; set; }
}

/// <summary>A row of the FTS5 table <c>case_search</c>: its rowid (a <see cref="CaseSearchDoc"/>) and its hidden column.</summary>
public sealed class CaseSearchEntry
{
    public long RowId { get; set; }

    public string Index { get; set; } = string.Empty;
}

/// <summary>A distinct indicator value (<see cref="SqliteApplicationDbContext.IndicatorsContainingAsync"/>).</summary>
public sealed class IndicatorSearchValue
{
    public long Id { get; set; }

    public string Value { get; set; } = string.Empty;
}

/// <summary>A row of the FTS5 table <c>indicator_search</c>: its rowid (an <see cref="IndicatorSearchValue"/>) and its hidden column.</summary>
public sealed class IndicatorSearchEntry
{
    public long RowId { get; set; }

    public string Index { get; set; } = string.Empty;
}

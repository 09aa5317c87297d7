namespace CaseManager.Infrastructure.Data;

/// <summary>The production store (timestamptz columns; all times are written in UTC).</summary>
public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options, ICurrentUser currentUser)
    : ApplicationDbContext(options, currentUser);

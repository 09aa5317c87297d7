namespace CaseManager.Tests.Shared;

/// <summary>
/// Base of tests that run once per database provider: each concrete subclass binds a fixture (SQLite always;
/// PostgreSQL when ConnectionStrings__Postgres is set, skipped otherwise).
/// </summary>
public abstract class DatabaseTests<TApp>(TApp app)
    where TApp : TestApp
{
    protected TApp App
    {
        get
        {
            Skip.IfNot(app.Database.IsAvailable, $"No PostgreSQL configured ({TestDatabase.PostgresVariable} is not set).");
            return app;
        }
    }

    protected static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];
}

namespace CaseManager.Web.FunctionalTests.Infrastructure;

/// <summary>
/// Base of web tests that run once per database provider: each concrete subclass binds a fixture (SQLite always;
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
}

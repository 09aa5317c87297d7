using Npgsql;

namespace CaseManager.Tests.Shared;

/// <summary>
/// A database for one test host: a fresh SQLite directory, or a fresh PostgreSQL database created
/// on the server named by the environment variable <c>ConnectionStrings__Postgres</c> (CI always sets it).
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ConnectionStrings__Postgres";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("casemanager-test-").FullName;

    /// <summary>The value for configuration key ConnectionStrings:Postgres ("" selects SQLite).</summary>
    public abstract string PostgresConnectionString { get; }

    public abstract string Provider { get; }

    /// <summary>False for PostgreSQL when no server is configured: such tests are skipped, never silently run elsewhere.</summary>
    public virtual bool IsAvailable => true;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public abstract Task CreateAsync();

    public virtual ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file on a pooled connection; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public override string PostgresConnectionString => string.Empty;

    public override string Provider => "sqlite";

    public override Task CreateAsync() => Task.CompletedTask;
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _name = "cm_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;

    public override string PostgresConnectionString => _connectionString ?? throw new InvalidOperationException("Database not created.");

    public override string Provider => "postgres";

    public static bool IsConfigured => ServerConnectionString is not null;

    public override bool IsAvailable => IsConfigured;

    public override async Task CreateAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is not null && ServerConnectionString is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync(server);
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// Drops the test database. A drop that races a connection still being opened by a background job (a Hangfire
    /// poll, a pooled connection) fails with "object in use" or a deadlock even WITH (FORCE); it is retried, and a
    /// database left behind on the throwaway server is reported, never turned into a failed test class.
    /// </summary>
    private async Task DropAsync(string server)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5)
            {
                Console.Error.WriteLine($"Dropping test database {_name} failed ({e.SqlState}: {e.MessageText}); retrying.");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (PostgresException e)
            {
                Console.Error.WriteLine($"Test database {_name} left on the server: {e.SqlState}: {e.MessageText}");
                return;
            }
        }
    }
}

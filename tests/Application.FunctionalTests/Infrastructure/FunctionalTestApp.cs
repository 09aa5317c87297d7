using CaseManager.Application.Common.Interfaces;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseManager.Application.FunctionalTests.Infrastructure;

/// <summary>The real host, with the current user set by the test instead of a cookie.</summary>
public abstract class FunctionalTestApp(TestDatabase database, bool worker = false) : TestApp(database, worker)
{
    /// <summary>Sends a message through the real Mediator pipeline in a fresh scope, as <paramref name="user"/> (null: anonymous).</summary>
    public async Task<TResponse> SendAsync<TResponse>(IMessage message, TestUser? user)
    {
        var previous = TestCurrentUser.Current.Value;
        TestCurrentUser.Current.Value = user;
        try
        {
            await using var scope = Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            return (TResponse)(await sender.Send(message, CancellationToken.None))!;
        }
        finally
        {
            TestCurrentUser.Current.Value = previous;
        }
    }

    public Task<TResponse> SendAnonymousAsync<TResponse>(ICommand<TResponse> command) => SendAsync<TResponse>((IMessage)command, null);

    public Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, TestUser? user = null) =>
        SendAsync<TResponse>((IMessage)command, user ?? TestUser.Consultant);

    public Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, TestUser? user = null) =>
        SendAsync<TResponse>((IMessage)query, user ?? TestUser.Consultant);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<ICurrentUser, TestCurrentUser>());
}

public sealed class SqliteApp() : FunctionalTestApp(new SqliteTestDatabase());

public sealed class PostgresApp() : FunctionalTestApp(new PostgresTestDatabase());

public sealed class SqliteWorkerApp() : FunctionalTestApp(new SqliteTestDatabase(), worker: true);

public sealed class PostgresWorkerApp() : FunctionalTestApp(new PostgresTestDatabase(), worker: true);

using System.Net;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseManager.Web.FunctionalTests.Infrastructure;

/// <summary>The real app (SQLite unless a subclass passes another database) with two tenants, each with a case and a client user, plus a consultant.</summary>
public class WebTestApp : TestApp
{
    public WebTestApp()
        : this(new SqliteTestDatabase())
    {
    }

    protected WebTestApp(TestDatabase database, bool kestrel = false)
        : base(database, kestrel: kestrel)
    {
    }

    public const string Password = "Web!Tests-Passw0rd";

    public Guid ClientA { get; private set; }

    public Guid ClientB { get; private set; }

    public Guid CaseA { get; private set; }

    public Guid CaseB { get; private set; }

    public string ConsultantEmail { get; } = "consultant@web.test";

    public string ConsultantId { get; private set; } = string.Empty;

    public string ClientUserAEmail { get; } = "client-a@web.test";

    public string ClientUserBEmail { get; } = "client-b@web.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!Database.IsAvailable)
        {
            return;
        }

        ClientA = await AsSystemAsync(s => s.Send(new CreateClientCommand("Tenant A Ltd", "Finance", null, [])));
        ClientB = await AsSystemAsync(s => s.Send(new CreateClientCommand("Tenant B GmbH", "Retail", null, [])));
        CaseA = await AsSystemAsync(s => s.Send(new OpenCaseCommand(ClientA, "Ransomware at A", null, Severity.Critical, TrafficLightProtocol.Red)));
        CaseB = await AsSystemAsync(s => s.Send(new OpenCaseCommand(ClientB, "Miner at B", null, Severity.High, TrafficLightProtocol.Amber)));
        ConsultantId = await CreateUserAsync(ConsultantEmail, Roles.Consultant, null);
        await CreateUserAsync(ClientUserAEmail, Roles.Client, ClientA);
        await CreateUserAsync(ClientUserBEmail, Roles.Client, ClientB);
    }

    public Task<string> CreateUserAsync(string email, string role, Guid? clientId) => CreateUserAsync(email, Password, role, clientId);

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client whose requests come from <paramref name="address"/> (X-Forwarded-For, as from a trusted proxy).</summary>
    public HttpClient NewClientFrom(string address)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public async Task<HttpClient> SignedInClientAsync(string email, string password = Password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in of {email} should succeed");
        return client;
    }

    public Task<HttpClient> AdminAsync() => SignedInClientAsync(AdminEmail, AdminPassword);
}

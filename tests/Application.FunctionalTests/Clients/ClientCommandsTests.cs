using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Clients.Commands.UpdateClient;
using CaseManager.Application.Clients.Queries.GetClient;
using CaseManager.Application.Clients.Queries.ListClients;

namespace CaseManager.Application.FunctionalTests.Clients;

public abstract class ClientCommandsTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task CreateClient_WithContacts_StoresThemInOrder()
    {
        var name = Unique("北方电力");
        var id = await App.SendAsync(new CreateClientCommand(name, "Energy", "24/7 SOC", [
            new ContactInput("张伟", "CISO", "+86 10 1234 5678", "zhang.wei@example.cn"),
            new ContactInput("Anna Berg", "IT lead", null, null),
        ]));

        var client = await App.SendAsync(new GetClientQuery(id));
        client.Name.ShouldBe(name);
        client.Contacts.Select(c => c.Name).ShouldBe(["张伟", "Anna Berg"]);
        client.Contacts[0].Email.ShouldBe("zhang.wei@example.cn");
        (await App.SendAsync(new ListClientsQuery())).ShouldContain(c => c.Id == id && c.ContactCount == 2);
    }

    [SkippableFact]
    public async Task CreateClient_StoresTheReportLanguage_DefaultEnglish_AndRejectsAnUnknownOne()
    {
        var chinese = await App.SendAsync(new CreateClientCommand(Unique("华东银行"), null, null, [], "zh-CN"));
        (await App.SendAsync(new GetClientQuery(chinese))).PreferredLanguage.ShouldBe("zh-CN");
        var plain = await App.SendAsync(new CreateClientCommand(Unique("Plain org"), null, null, []));
        (await App.SendAsync(new GetClientQuery(plain))).PreferredLanguage.ShouldBe("en");

        var name = Unique("Klingon org");
        var bad = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new CreateClientCommand(name, null, null, [], "tlh")));
        bad.Errors["PreferredLanguage"].ShouldContain("Choose English (en) or Simplified Chinese (zh-CN).");
        (await App.SendAsync(new ListClientsQuery())).ShouldNotContain(c => c.Name == name);
    }

    [SkippableFact]
    public async Task UpdateClient_ReplacesContacts()
    {
        var id = await App.SendAsync(new CreateClientCommand(Unique("Acme"), null, null, [new ContactInput("Old", null, null, null)]));

        await App.SendAsync(new UpdateClientCommand(id, Unique("Acme Renamed"), "Retail", null, [new ContactInput("New", "SOC", "110", null)]));

        var client = await App.SendAsync(new GetClientQuery(id));
        client.Industry.ShouldBe("Retail");
        client.Contacts.ShouldHaveSingleItem().Name.ShouldBe("New");
    }

    [SkippableFact]
    public async Task CreateClient_WithDuplicateName_IsRejected()
    {
        var name = Unique("Twin");
        await App.SendAsync(new CreateClientCommand(name, null, null, []));

        var ex = await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new CreateClientCommand(name, null, null, [])));
        ex.Errors.ShouldContainKey("Name");
    }

    [SkippableFact]
    public async Task CreateClient_WithBadContact_ReportsTheContactFieldAndSavesNothing()
    {
        var app = App;
        var name = Unique("Bad contact");
        var ex = await Should.ThrowAsync<ValidationException>(() => app.SendAsync(new CreateClientCommand(name, null, null, [
            new ContactInput("Ok", null, null, "ok@example.com"),
            new ContactInput("", null, "call me", "not-an-email"),
        ])));

        ex.Errors.Keys.ShouldBe(["Contacts[1].Name", "Contacts[1].Phone", "Contacts[1].Email"], ignoreOrder: true);
        (await App.SendAsync(new ListClientsQuery())).ShouldNotContain(c => c.Name == name);
    }

    [SkippableFact]
    public async Task GetClient_Unknown_ThrowsNotFound()
    {
        var app = App;
        await Should.ThrowAsync<NotFoundException>(() => app.SendAsync(new GetClientQuery(Guid.NewGuid())));
    }
}

public sealed class ClientCommandsOnSqliteTests(SqliteApp app) : ClientCommandsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ClientCommandsOnPostgresTests(PostgresApp app) : ClientCommandsTests<PostgresApp>(app), IClassFixture<PostgresApp>;

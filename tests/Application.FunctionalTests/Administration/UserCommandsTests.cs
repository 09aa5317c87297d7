using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Administration.Commands.UpdateUser;
using CaseManager.Application.Administration.Queries.ListStaff;
using CaseManager.Application.Administration.Queries.ListUsers;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.FunctionalTests.Administration;

public abstract class UserCommandsTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    private const string Password = "Str0ng!Password-x";

    [SkippableFact]
    public async Task CreateUser_ClientUser_BelongsToTheOrganisation()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Org"), null, null, []));
        var email = $"{Guid.NewGuid():N}@client.example";

        var id = await App.SendAsync(new CreateUserCommand(email, "Client Person", Password, Roles.Client, clientId), TestUser.Admin);

        var user = await App.SendAsync(new GetUserQuery(id), TestUser.Admin);
        (user.Email, user.Role, user.ClientId, user.Disabled).ShouldBe((email, Roles.Client, (Guid?)clientId, false));
    }

    [SkippableFact]
    public async Task CreateUser_ClientRoleWithoutOrganisation_IsRejected()
    {
        var app = App;
        var ex = await Should.ThrowAsync<ValidationException>(() =>
            app.SendAsync(new CreateUserCommand($"{Guid.NewGuid():N}@x.example", "No Org", Password, Roles.Client, null), TestUser.Admin));
        ex.Errors.ShouldContainKey("ClientId");
    }

    [SkippableFact]
    public async Task CreateUser_WeakPasswordOrDuplicateEmail_IsRejected()
    {
        var email = $"{Guid.NewGuid():N}@staff.example";
        var weak = await Should.ThrowAsync<ValidationException>(() =>
            App.SendAsync(new CreateUserCommand(email, "Weak", "short", Roles.Consultant, null), TestUser.Admin));
        weak.Errors.ShouldContainKey("Password");

        await App.SendAsync(new CreateUserCommand(email, "First", Password, Roles.Consultant, null), TestUser.Admin);
        var duplicate = await Should.ThrowAsync<ValidationException>(() =>
            App.SendAsync(new CreateUserCommand(email.ToUpperInvariant(), "Second", Password, Roles.Consultant, null), TestUser.Admin));
        duplicate.Errors.ShouldContainKey("Email");
    }

    [SkippableFact]
    public async Task CreateUser_AsConsultant_IsForbidden()
    {
        var app = App;
        await Should.ThrowAsync<ForbiddenAccessException>(() =>
            app.SendAsync(new CreateUserCommand("x@y.example", "X", Password, Roles.Admin, null), TestUser.Consultant));
    }

    [SkippableFact]
    public async Task UpdateUser_Disable_RemovesThemFromTheStaffPicker()
    {
        var id = await App.SendAsync(new CreateUserCommand($"{Guid.NewGuid():N}@staff.example", "Leaving", Password, Roles.Consultant, null), TestUser.Admin);
        (await App.SendAsync(new ListStaffQuery())).ShouldContain(u => u.Id == id);

        await App.SendAsync(new UpdateUserCommand(id, "Leaving", Roles.Consultant, null, Disabled: true), TestUser.Admin);

        (await App.SendAsync(new GetUserQuery(id), TestUser.Admin)).Disabled.ShouldBeTrue();
        (await App.SendAsync(new ListStaffQuery())).ShouldNotContain(u => u.Id == id);
    }

    [SkippableFact]
    public async Task UpdateUser_DisablingYourself_IsRejected()
    {
        var id = await App.SendAsync(new CreateUserCommand($"{Guid.NewGuid():N}@admin.example", "Self", Password, Roles.Admin, null), TestUser.Admin);
        var self = new TestUser(id, "self", Roles.Admin);

        await Should.ThrowAsync<ValidationException>(() => App.SendAsync(new UpdateUserCommand(id, "Self", Roles.Admin, null, Disabled: true), self));
    }
}

public sealed class UserCommandsOnSqliteTests(SqliteApp app) : UserCommandsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class UserCommandsOnPostgresTests(PostgresApp app) : UserCommandsTests<PostgresApp>(app), IClassFixture<PostgresApp>;

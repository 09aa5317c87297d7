using CaseManager.Application.Administration.Commands.CreateUser;
using CaseManager.Application.Cases.Commands.AssignConsultant;
using CaseManager.Application.Cases.Commands.OpenCase;
using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Application.Notifications.Queries.ListMyNotifications;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Infrastructure.BackgroundJobs;
using Microsoft.Extensions.DependencyInjection;

namespace CaseManager.Application.FunctionalTests.Notifications;

/// <summary>
/// Assignment → domain event after save → Hangfire job in the real job storage (SQLite or PostgreSQL)
/// → a worker of the same host runs it → the consultant's inbox has the notification, once.
/// </summary>
public abstract class AssignmentNotificationJobTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : FunctionalTestApp
{
    [SkippableFact]
    public async Task AssignConsultant_QueuesAJob_ThatNotifiesTheConsultant()
    {
        var consultantId = await App.SendAsync(
            new CreateUserCommand($"{Guid.NewGuid():N}@staff.example", "Night Shift", "Str0ng!Password-x", Roles.Consultant, null), TestUser.Admin);
        var consultant = new TestUser(consultantId, "night", Roles.Consultant);
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Jobs"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Brute force on SSH", null, Severity.High, TrafficLightProtocol.Amber));

        using var probe = new JobProbe(typeof(NotifyAssignedConsultantJob));
        await App.SendAsync(new AssignConsultantCommand(caseId, consultantId));
        await probe.Performed.WaitAsync(TimeSpan.FromSeconds(60));

        var inbox = await App.SendAsync(new ListMyNotificationsQuery(), consultant);
        var notification = inbox.ShouldHaveSingleItem();
        (notification.CaseId, notification.IsRead).ShouldBe((caseId, false));
        notification.CaseTitle.ShouldBe("Brute force on SSH");
    }

    [SkippableFact]
    public async Task NotificationJob_RunTwice_NotifiesOnce()
    {
        var clientId = await App.SendAsync(new CreateClientCommand(Unique("Retry"), null, null, []));
        var caseId = await App.SendAsync(new OpenCaseCommand(clientId, "Retry me", null, Severity.Low, TrafficLightProtocol.Green));
        var userId = "retry-" + Guid.NewGuid().ToString("N");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await App.InScopeAsync(async sp =>
            {
                await ActivatorUtilities.CreateInstance<NotifyAssignedConsultantJob>(sp).RunAsync(caseId, userId, CancellationToken.None);
                return 0;
            });
        }

        (await App.SendAsync(new ListMyNotificationsQuery(), new TestUser(userId, "retry", Roles.Consultant))).Count.ShouldBe(1);
    }
}
public sealed class AssignmentNotificationJobOnSqliteTests(SqliteWorkerApp app)
    : AssignmentNotificationJobTests<SqliteWorkerApp>(app), IClassFixture<SqliteWorkerApp>;

public sealed class AssignmentNotificationJobOnPostgresTests(PostgresWorkerApp app)
    : AssignmentNotificationJobTests<PostgresWorkerApp>(app), IClassFixture<PostgresWorkerApp>;

using System.Net;
using System.Text.RegularExpressions;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CaseManager.Web.FunctionalTests.Security;

/// <summary>
/// Every cookie request checks the account (it exists, is enabled, has the cookie's security stamp) and reads the badge's
/// unread-notification count in the same statement. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract partial class SessionCheckTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : WebTestApp
{
    [SkippableFact]
    public async Task ADisabledAccount_IsSignedOutAtItsNextRequest_NotAtTheNextPeriodicValidation()
    {
        var email = $"disabled-{Guid.NewGuid():N}@web.test";
        await App.CreateUserAsync(email, Roles.Consultant, null);
        var client = await App.SignedInClientAsync(email);
        (await client.GetAsync("/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Disabled in the database without a new security stamp: only the Disabled flag can refuse the cookie.
        await App.InDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true)));

        var refused = await client.GetAsync("/Cases");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
    }

    [SkippableFact]
    public async Task TheBadge_CountsUnreadNotifications_AndAPageThatReadsSomeShowsTheNewCountAtOnce()
    {
        var email = $"badge-{Guid.NewGuid():N}@web.test";
        var userId = await App.CreateUserAsync(email, Roles.Consultant, null);
        await App.InDbAsync(async db =>
        {
            var incident = await db.Cases.SingleAsync(c => c.Id == new CaseId(App.CaseA));
            var now = DateTimeOffset.UtcNow;
            db.Notifications.AddRange(
                Notification.MessageReceived(userId, incident, now),
                Notification.MessageReceived(userId, incident, now),
                Notification.AboutCase(userId, NotificationKind.AssignedToCase, incident, now));
            return await db.SaveChangesAsync();
        });
        var client = await App.SignedInClientAsync(email);

        Badge(await client.GetStringAsync("/Cases")).ShouldBe("3");

        // The case page marks its message notifications read while it renders: its own badge already shows what is left.
        Badge(await client.GetStringAsync($"/Cases/Details/{App.CaseA}")).ShouldBe("1");
        Badge(await client.GetStringAsync("/Cases")).ShouldBe("1");
    }

    private static string? Badge(string html)
    {
        var match = BadgeCount().Match(html);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("data-testid=\"unread-count\">([0-9]+)<")]
    private static partial Regex BadgeCount();
}

public sealed class SqliteSessionCheckTests(WebTestApp app) : SessionCheckTests<WebTestApp>(app), IClassFixture<WebTestApp>;

public sealed class PostgresSessionCheckTests(PostgresWebTestApp app) : SessionCheckTests<PostgresWebTestApp>(app), IClassFixture<PostgresWebTestApp>;

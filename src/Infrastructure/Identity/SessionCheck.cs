using System.Security.Claims;
using CaseManager.Application.Notifications;
using CaseManager.Domain.Notifications;
using CaseManager.Infrastructure.Data.Interceptors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseManager.Infrastructure.Identity;

/// <summary>
/// The check every cookie request passes: the account still exists, is not disabled and still has the security stamp the
/// cookie carries (signing out, a new password, new roles or a disabled account change it), so a copied cookie stops
/// working at once rather than at the next periodic validation. The same statement reads the caller's unread-notification
/// count, which every page shows: one round trip to the database instead of two.
/// </summary>
public sealed class SessionCheck(ApplicationDbContext db, IOptions<IdentityOptions> options, UnreadNotificationsOfRequest unread)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var claims = options.Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (id is null || stamp is null)
        {
            return false;
        }

        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.Disabled, Unread = db.Notifications.Count(n => n.UserId == id && n.ReadAt == null) })
            .FirstOrDefaultAsync(cancellationToken);
        if (account is null || account.Disabled || account.SecurityStamp != stamp)
        {
            return false;
        }

        unread.Prefetched(account.Unread);
        return true;
    }
}

/// <summary>A save that adds, changes or removes a notification makes the request's prefetched unread count stale.</summary>
internal sealed class UnreadNotificationsInterceptor(UnreadNotificationsOfRequest unread) : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        if (context.ChangeTracker.Entries<Notification>()
                .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            unread.Forget();
        }
    }
}

using CaseManager.Domain.Identity;
using Microsoft.AspNetCore.Identity;

namespace CaseManager.Infrastructure.Identity;

internal sealed class IdentityService(UserManager<ApplicationUser> users, ApplicationDbContext db) : IIdentityService
{
    public async Task<string> CreateUserAsync(NewUser user, CancellationToken cancellationToken)
    {
        var account = new ApplicationUser
        {
            UserName = user.Email,
            Email = user.Email,
            EmailConfirmed = true,
            DisplayName = user.DisplayName,
            ClientId = user.ClientId,
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(account, user.Password));
        Check(await users.AddToRoleAsync(account, user.Role));
        return account.Id;
    }

    public async Task UpdateUserAsync(string userId, string displayName, string role, Guid? clientId, bool disabled, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(userId) ?? throw new NotFoundException("User", userId);
        var wasDisabled = account.Disabled;
        var roleChanged = !await users.IsInRoleAsync(account, role);
        account.DisplayName = displayName;
        account.ClientId = clientId;
        account.Disabled = disabled;
        Check(await users.UpdateAsync(account));
        if (roleChanged)
        {
            Check(await users.RemoveFromRolesAsync(account, await users.GetRolesAsync(account)));
            Check(await users.AddToRoleAsync(account, role));
        }

        if (roleChanged || disabled != wasDisabled)
        {
            // Ends existing sessions at their next validation.
            Check(await users.UpdateSecurityStampAsync(account));
        }
    }

    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken) =>
        await QueryUsers(null, cancellationToken);

    public async Task<UserSummary?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        (await QueryUsers(userId, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<UserSummary>> ListStaffAsync(CancellationToken cancellationToken) =>
        (await QueryUsers(null, cancellationToken)).Where(u => !u.Disabled && u.Role is Roles.Consultant or Roles.Admin).ToList();

    public async Task<IReadOnlyDictionary<string, string>> DisplayNamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    private async Task<List<UserSummary>> QueryUsers(string? userId, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (userId is not null)
        {
            query = query.Where(u => u.Id == userId);
        }

        var rows = await query
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.ClientId,
                u.Disabled,
                u.LockoutEnd,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var clientIds = rows.Where(r => r.ClientId is not null).Select(r => new Domain.Clients.ClientId(r.ClientId!.Value)).Distinct().ToList();
        var clientNames = await db.Clients.IgnoreQueryFilters().AsNoTracking()
            .Where(c => clientIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id.Value, c => c.Name, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return rows.Select(r => new UserSummary(
                r.Id,
                r.Email ?? string.Empty,
                r.DisplayName,
                r.Role ?? string.Empty,
                r.ClientId,
                r.ClientId is { } c ? clientNames.GetValueOrDefault(c) : null,
                r.Disabled,
                r.LockoutEnd is { } end && end > now))
            .ToList();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(
                result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description)));
        }
    }
}

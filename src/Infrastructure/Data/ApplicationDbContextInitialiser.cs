using CaseManager.Domain.Identity;
using CaseManager.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaseManager.Infrastructure.Data;

/// <summary>Applies migrations, creates the roles and seeds the first admin from <c>Seed:AdminEmail</c>/<c>Seed:AdminPassword</c>.</summary>
public sealed class ApplicationDbContextInitialiser(
    ApplicationDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<ApplicationDbContextInitialiser> logger)
{
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and one writer work at the same time; the busy timeout queues writers.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await SeedAsync();
    }

    private async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var email = configuration["Seed:AdminEmail"];
        var password = configuration["Seed:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    "Seed:AdminEmail and Seed:AdminPassword (env Seed__AdminEmail, Seed__AdminPassword) must be set in Production.");
            }

            logger.LogWarning("No Seed:AdminEmail/Seed:AdminPassword configured; no admin is seeded.");
            return;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var admin = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Seeding the admin failed: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogInformation("Seeded admin {Email}", email);
    }
}

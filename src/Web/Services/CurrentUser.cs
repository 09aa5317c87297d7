using System.Security.Claims;
using CaseManager.Application.Common.Interfaces;
using CaseManager.Domain.Clients;
using CaseManager.Infrastructure.BackgroundJobs;
using CaseManager.Infrastructure.Identity;

namespace CaseManager.Web.Services;

/// <summary>The signed-in user of the current request, or "system" inside a background job.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor, JobContext jobContext) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public string? UserId => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => Principal?.Identity?.Name;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public bool IsSystem => jobContext.IsSystem;

    public ClientId? ClientId =>
        Guid.TryParse(Principal?.FindFirstValue(ApplicationUser.ClientIdClaim), out var id) ? new ClientId(id) : null;

    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    public Guid? RestrictedToCaseId =>
        Guid.TryParse(Principal?.FindFirstValue(CaseManager.Web.Infrastructure.ApiKeyAuthenticationHandler.CaseClaim), out var id) ? id : null;
}

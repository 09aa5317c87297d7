namespace CaseManager.Web.Pages.Admin.Users;

public sealed class UserForm
{
    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public string? Password { get; set; }

    public string Role { get; set; } = Domain.Identity.Roles.Consultant;

    public Guid? ClientId { get; set; }

    public bool Disabled { get; set; }
}

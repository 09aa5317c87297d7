namespace CaseManager.Domain.Clients;

/// <summary>A person at the client organisation the consultants can reach.</summary>
public sealed class ClientContact
{
    public const int NameMaxLength = 150;
    public const int RoleMaxLength = 100;
    public const int PhoneMaxLength = 50;
    public const int EmailMaxLength = 256;

    private ClientContact()
    {
    }

    public ClientContact(string name, string? role, string? phone, string? email)
    {
        Name = name.Trim();
        Role = Normalise(role);
        Phone = Normalise(phone);
        Email = Normalise(email);
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Role { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

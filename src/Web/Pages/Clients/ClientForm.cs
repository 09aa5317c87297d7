using CaseManager.Application.Clients.Commands.CreateClient;

namespace CaseManager.Web.Pages.Clients;

/// <summary>The client form's fields; contact rows without a name are ignored.</summary>
public sealed class ClientForm
{
    public string Name { get; set; } = string.Empty;

    public string? Industry { get; set; }

    public string? Notes { get; set; }

    public List<ContactRow> Contacts { get; set; } = [];

    /// <summary>The default language of the organisation's reports (edit form only).</summary>
    public string? PreferredLanguage { get; set; }

    public IReadOnlyList<ContactInput> FilledContacts() =>
        Contacts.Where(c => !string.IsNullOrWhiteSpace(c.Name) || !string.IsNullOrWhiteSpace(c.Email) || !string.IsNullOrWhiteSpace(c.Phone))
            .Select(c => new ContactInput(c.Name ?? string.Empty, c.Role, c.Phone, c.Email))
            .ToList();

    /// <summary>Pads the contact rows so there is always room for one more.</summary>
    public void EnsureBlankRow()
    {
        if (Contacts.Count == 0 || !string.IsNullOrWhiteSpace(Contacts[^1].Name))
        {
            Contacts.Add(new ContactRow());
        }
    }

    public sealed class ContactRow
    {
        public string? Name { get; set; }

        public string? Role { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }
}

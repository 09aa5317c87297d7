using CaseManager.Domain.Common;

namespace CaseManager.Domain.Clients;

/// <summary>A client organisation: the tenant whose incidents we handle.</summary>
public sealed class Client : AuditableEntity<ClientId>, IAggregateRoot
{
    public const int NameMaxLength = 200;
    public const int IndustryMaxLength = 100;
    public const int NotesMaxLength = 4000;

    private readonly List<ClientContact> _contacts = [];

    private Client()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string? Industry { get; private set; }

    public string? Notes { get; private set; }

    public IReadOnlyList<ClientContact> Contacts => _contacts;

    /// <summary>The language the organisation's reports are written in by default: "en" or "zh-CN".</summary>
    public string PreferredLanguage { get; private set; } = DefaultLanguage;

    public const string DefaultLanguage = "en";

    public static Client Create(string name, string? industry, string? notes, IEnumerable<ClientContact> contacts)
    {
        var client = new Client { Id = ClientId.New() };
        client.Update(name, industry, notes, contacts);
        return client;
    }

    public void Update(string name, string? industry, string? notes, IEnumerable<ClientContact> contacts)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("A client needs a name.");
        }

        Name = name.Trim();
        Industry = string.IsNullOrWhiteSpace(industry) ? null : industry.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        _contacts.Clear();
        _contacts.AddRange(contacts);
    }

    /// <summary>Sets the default language of the organisation's reports ("en" or "zh-CN").</summary>
    public void SetPreferredLanguage(string language)
    {
        if (language is not ("en" or "zh-CN"))
        {
            throw new DomainException($"Unknown language '{language}': use en or zh-CN.");
        }

        PreferredLanguage = language;
    }
}

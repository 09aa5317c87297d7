using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Clients.Commands.CreateClient;

[Authorize(Roles = Roles.Staff)]
public sealed record CreateClientCommand(string Name, string? Industry, string? Notes, IReadOnlyList<ContactInput> Contacts, string? PreferredLanguage = null) : ICommand<Guid>;

public sealed class CreateClientCommandHandler(IApplicationDbContext db) : ICommandHandler<CreateClientCommand, Guid>
{
    public async ValueTask<Guid> Handle(CreateClientCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name.Trim();
        if (await db.Clients.AnyAsync(c => c.Name == name, cancellationToken))
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Name), "A client with this name already exists.");
        }

        var client = Client.Create(name, command.Industry, command.Notes, command.Contacts.Select(ToContact));
        if (command.PreferredLanguage is { } language)
        {
            client.SetPreferredLanguage(language);
        }

        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return client.Id.Value;
    }

    internal static ClientContact ToContact(ContactInput c) => new(c.Name, c.Role, c.Phone, c.Email);
}

public sealed class CreateClientCommandValidator : AbstractValidator<CreateClientCommand>
{
    public CreateClientCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Client.NameMaxLength);
        RuleFor(c => c.Industry).MaximumLength(Client.IndustryMaxLength);
        RuleFor(c => c.Notes).MaximumLength(Client.NotesMaxLength);
        RuleFor(c => c.Contacts).NotNull();
        RuleForEach(c => c.Contacts).SetValidator(new ContactInputValidator());
        RuleFor(c => c.PreferredLanguage).Must(l => l is null or "en" or "zh-CN").WithMessage("Choose English (en) or Simplified Chinese (zh-CN).");
    }
}

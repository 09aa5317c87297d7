using CaseManager.Application.Clients.Commands.CreateClient;
using CaseManager.Domain.Clients;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.Clients.Commands.UpdateClient;

[Authorize(Roles = Roles.Staff)]
public sealed record UpdateClientCommand(Guid Id, string Name, string? Industry, string? Notes, IReadOnlyList<ContactInput> Contacts, string? PreferredLanguage = null) : ICommand;

public sealed class UpdateClientCommandHandler(IApplicationDbContext db) : ICommandHandler<UpdateClientCommand>
{
    public async ValueTask<Unit> Handle(UpdateClientCommand command, CancellationToken cancellationToken)
    {
        var id = new ClientId(command.Id);
        var client = await db.Clients.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Client), command.Id);
        var name = command.Name.Trim();
        if (await db.Clients.AnyAsync(c => c.Name == name && c.Id != id, cancellationToken))
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Name), "A client with this name already exists.");
        }

        client.Update(name, command.Industry, command.Notes, command.Contacts.Select(CreateClientCommandHandler.ToContact));
        if (command.PreferredLanguage is { } language)
        {
            client.SetPreferredLanguage(language);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class UpdateClientCommandValidator : AbstractValidator<UpdateClientCommand>
{
    public UpdateClientCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Client.NameMaxLength);
        RuleFor(c => c.Industry).MaximumLength(Client.IndustryMaxLength);
        RuleFor(c => c.Notes).MaximumLength(Client.NotesMaxLength);
        RuleFor(c => c.Contacts).NotNull();
        RuleForEach(c => c.Contacts).SetValidator(new ContactInputValidator());
        RuleFor(c => c.PreferredLanguage).Must(l => l is null or "en" or "zh-CN").WithMessage("Choose English (en) or Simplified Chinese (zh-CN).");
    }
}

using CaseManager.Domain.Clients;

namespace CaseManager.Application.Clients.Commands.CreateClient;

public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ClientContact.NameMaxLength);
        RuleFor(c => c.Role).MaximumLength(ClientContact.RoleMaxLength);
        RuleFor(c => c.Phone).MaximumLength(ClientContact.PhoneMaxLength)
            .Matches(@"^[0-9+()\-.\s/x]*$").WithMessage("A phone number may only contain digits, spaces and + ( ) - . / x.");
        RuleFor(c => c.Email).MaximumLength(ClientContact.EmailMaxLength).EmailAddress()
            .When(c => !string.IsNullOrWhiteSpace(c.Email));
    }
}

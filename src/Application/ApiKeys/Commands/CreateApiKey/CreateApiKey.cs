using CaseManager.Domain.ApiKeys;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Identity;

namespace CaseManager.Application.ApiKeys.Commands.CreateApiKey;

/// <summary>
/// Issues a personal access token for the signed-in user. The token is returned once and stored only as a hash. A key for
/// one case (<see cref="CaseId"/>) may only upload; the case must be one the user can see.
/// </summary>
[Authorize(Roles = Roles.Staff + "," + Roles.Client)]
public sealed record CreateApiKeyCommand(string Name, ApiKeyScopes Scopes, Guid? CaseId, int ExpiresInDays) : ICommand<CreatedApiKeyDto>;

public sealed record CreatedApiKeyDto(Guid Id, string Token, DateTimeOffset ExpiresAt);

public sealed class CreateApiKeyCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock, CaseManager.Application.Audit.IAuditLog audit)
    : ICommandHandler<CreateApiKeyCommand, CreatedApiKeyDto>
{
    public async ValueTask<CreatedApiKeyDto> Handle(CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new UnauthorizedAccessException();
        if (currentUser.RestrictedToCaseId is not null)
        {
            throw new ForbiddenAccessException(); // a key cannot mint keys
        }

        if (command.CaseId is { } caseGuid)
        {
            var caseId = new CaseId(caseGuid);
            if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
            {
                throw new Common.Exceptions.ValidationException(nameof(command.CaseId), "Choose a case you can see.");
            }
        }

        var now = clock.GetUtcNow();
        var (token, prefix, hash) = ApiKeyToken.New();
        var key = ApiKey.Issue(userId, command.Name, prefix, hash, command.Scopes, command.CaseId, now, now.AddDays(command.ExpiresInDays));
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(Domain.Audit.AuditEventTypes.ApiKeyCreated, "apikey:" + key.Id,
            $"'{key.Name}' ({key.Prefix}…), scopes {key.Scopes}{(key.CaseId is { } c ? ", case " + c : string.Empty)}, expires {key.ExpiresAt:yyyy-MM-dd}", cancellationToken);
        return new CreatedApiKeyDto(key.Id, token, key.ExpiresAt);
    }
}

public sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the key a name.").MaximumLength(ApiKey.NameMaxLength);
        RuleFor(c => c.Scopes).Must(s => s is ApiKeyScopes.Read or ApiKeyScopes.Upload or (ApiKeyScopes.Read | ApiKeyScopes.Upload))
            .WithMessage("Choose what the key may do.");
        RuleFor(c => c.Scopes).Equal(ApiKeyScopes.Upload).When(c => c.CaseId is not null).WithMessage("A key for one case may only upload.");
        RuleFor(c => c.ExpiresInDays).InclusiveBetween(1, 365).WithMessage("A key must expire within a year.");
    }
}

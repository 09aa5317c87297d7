using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;
using CaseManager.Domain.Evidence;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.Indicators.Commands.AddManualIndicator;

/// <summary>Adds an indicator by hand. The value must be what its type says; one already in the register is refused.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed record AddManualIndicatorCommand(
    Guid CaseId,
    IndicatorType Type,
    string Value,
    IndicatorStatus Status,
    TrafficLightProtocol Tlp,
    string? Tags,
    string? Note,
    DateTimeOffset? SeenAt) : ICommand<string>;

public sealed class AddManualIndicatorCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddManualIndicatorCommand, string>
{
    public async ValueTask<string> Handle(AddManualIndicatorCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        CaseIndicator indicator;
        try
        {
            indicator = CaseIndicator.AddManual(
                incident, command.Type, command.Value, command.Status, command.Tlp, SplitTags(command.Tags), command.Note, command.SeenAt, currentUser.AuditName, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(
                ex.Message.Contains("tag", StringComparison.OrdinalIgnoreCase) ? nameof(command.Tags)
                : ex.Message.Contains("note", StringComparison.OrdinalIgnoreCase) ? nameof(command.Note)
                : ex.Message.Contains("future", StringComparison.OrdinalIgnoreCase) ? nameof(command.SeenAt)
                : nameof(command.Value),
                ex.Message);
        }

        var register = await IndicatorRegister.BuildAsync(db, id, crossCase: false, cancellationToken);
        var key = IndicatorRegister.KeyOf(indicator.Type, indicator.Value);
        if (register.Any(e => e.Key == key))
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Value), $"{indicator.Type} {indicator.Value} is already in this case's register.");
        }

        db.CaseIndicators.Add(indicator);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    internal static IEnumerable<string> SplitTags(string? tags) =>
        (tags ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class AddManualIndicatorCommandValidator : AbstractValidator<AddManualIndicatorCommand>
{
    public AddManualIndicatorCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Type).IsInEnum().WithMessage("Unknown indicator type.");
        RuleFor(c => c.Status).IsInEnum().WithMessage("Unknown indicator status.");
        RuleFor(c => c.Tlp).IsInEnum().WithMessage("Unknown TLP label.");
        RuleFor(c => c.Value).NotEmpty().MaximumLength(IndicatorValue.MaxLength);
        RuleFor(c => c.Note).MaximumLength(CaseIndicator.NoteMaxLength);
        RuleFor(c => c.Tags).MaximumLength(1000);
    }
}

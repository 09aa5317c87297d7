using CaseManager.Application.Indicators.Commands.AddManualIndicator;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Common;
using CaseManager.Domain.Identity;
using CaseManager.Domain.Indicators;

namespace CaseManager.Application.Indicators.Commands.UpdateIndicators;

/// <summary>
/// Bulk assessment of register entries (by key, <c>Type:value</c>): status, TLP, a tag to add or remove, a note. Null
/// leaves a field as it is. All or nothing: an unknown key or a bad tag changes no entry.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed record UpdateIndicatorsCommand(
    Guid CaseId,
    IReadOnlyList<string> Keys,
    IndicatorStatus? Status = null,
    TrafficLightProtocol? Tlp = null,
    string? AddTags = null,
    string? RemoveTag = null,
    string? Note = null) : ICommand<int>;

public sealed class UpdateIndicatorsCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<UpdateIndicatorsCommand, int>
{
    public async ValueTask<int> Handle(UpdateIndicatorsCommand command, CancellationToken cancellationToken)
    {
        var id = new CaseId(command.CaseId);
        var incident = await db.Cases.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(IncidentCase), command.CaseId);
        var register = (await IndicatorRegister.BuildAsync(db, id, crossCase: false, cancellationToken)).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = command.Keys.FirstOrDefault(k => !register.Contains(k));
        if (unknown is not null)
        {
            throw new Common.Exceptions.ValidationException(nameof(command.Keys), $"\"{unknown}\" is not an indicator of this case.");
        }

        var tracked = await db.CaseIndicators.Where(c => c.CaseId == id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var by = currentUser.AuditName;
        try
        {
            foreach (var key in command.Keys.Distinct(StringComparer.Ordinal))
            {
                var (type, value) = IndicatorRegister.ParseKey(key)!.Value;
                var indicator = tracked.FirstOrDefault(t => t.Type == type && t.Value == value);
                if (indicator is null)
                {
                    indicator = CaseIndicator.Track(incident, type, value, by, now);
                    db.CaseIndicators.Add(indicator);
                    tracked.Add(indicator);
                }

                if (command.Status is { } status)
                {
                    indicator.SetStatus(status, by, now);
                }

                if (command.Tlp is { } tlp)
                {
                    indicator.SetTlp(tlp, by, now);
                }

                indicator.AddTags(AddManualIndicatorCommandHandler.SplitTags(command.AddTags), by, now);
                if (!string.IsNullOrWhiteSpace(command.RemoveTag))
                {
                    indicator.RemoveTag(command.RemoveTag, by, now);
                }

                if (command.Note is not null)
                {
                    indicator.SetNote(command.Note, by, now);
                }
            }
        }
        catch (DomainException ex)
        {
            throw new Common.Exceptions.ValidationException(
                ex.Message.Contains("note", StringComparison.OrdinalIgnoreCase) ? nameof(command.Note) : nameof(command.AddTags), ex.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return command.Keys.Distinct(StringComparer.Ordinal).Count();
    }
}

public sealed class UpdateIndicatorsCommandValidator : AbstractValidator<UpdateIndicatorsCommand>
{
    public UpdateIndicatorsCommandValidator()
    {
        RuleFor(c => c.CaseId).NotEmpty();
        RuleFor(c => c.Keys).NotEmpty().WithMessage("Select at least one indicator.");
        RuleFor(c => c.Keys.Count).LessThanOrEqualTo(5000).OverridePropertyName(nameof(UpdateIndicatorsCommand.Keys));
        RuleFor(c => c.Status).IsInEnum().When(c => c.Status is not null).WithMessage("Unknown indicator status.");
        RuleFor(c => c.Tlp).IsInEnum().When(c => c.Tlp is not null).WithMessage("Unknown TLP label.");
        RuleFor(c => c.Note).MaximumLength(CaseIndicator.NoteMaxLength);
        RuleFor(c => c.AddTags).MaximumLength(1000);
        RuleFor(c => c.RemoveTag).MaximumLength(CaseIndicator.TagMaxLength);
        RuleFor(c => c)
            .Must(c => c.Status is not null || c.Tlp is not null || !string.IsNullOrWhiteSpace(c.AddTags) || !string.IsNullOrWhiteSpace(c.RemoveTag) || c.Note is not null)
            .WithName(nameof(UpdateIndicatorsCommand.Status))
            .WithMessage("Choose what to change: a status, a TLP label, a tag or a note.");
    }
}

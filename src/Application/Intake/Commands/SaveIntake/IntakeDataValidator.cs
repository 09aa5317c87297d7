using System.Net;
using System.Net.Sockets;
using CaseManager.Domain.Intake;

namespace CaseManager.Application.Intake.Commands.SaveIntake;

/// <summary>
/// Rules every save obeys (a draft may be incomplete, but what it holds must be well-formed):
/// IP syntax, e-mail, lengths, known time zone, no dates in the future.
/// </summary>
public sealed class IntakeDataValidator : AbstractValidator<IntakeData>
{
    public const int MaxHosts = 500;

    public IntakeDataValidator(TimeProvider clock)
    {
        RuleFor(d => d.Reporter.Name).MaximumLength(IntakeData.ShortText).OverridePropertyName("Reporter.Name");
        RuleFor(d => d.Reporter.Role).MaximumLength(IntakeData.ShortText).OverridePropertyName("Reporter.Role");
        RuleFor(d => d.Reporter.Phone).MaximumLength(50).Matches(@"^[0-9+()\-.\s/x]*$")
            .WithMessage("A phone number may only contain digits, spaces and + ( ) - . / x.").OverridePropertyName("Reporter.Phone");
        RuleFor(d => d.Reporter.Email).MaximumLength(256).EmailAddress().When(d => !string.IsNullOrWhiteSpace(d.Reporter.Email))
            .WithMessage("Enter a valid e-mail address.").OverridePropertyName("Reporter.Email");

        RuleFor(d => d.Engagement.HowReported).IsInEnum().OverridePropertyName("Engagement.HowReported");
        RuleFor(d => d.Engagement.Urgency).IsInEnum().OverridePropertyName("Engagement.Urgency");
        RuleFor(d => d.Engagement.ImpactLevel).IsInEnum().OverridePropertyName("Engagement.ImpactLevel");
        RuleFor(d => d.Engagement.ImpactText).MaximumLength(IntakeData.LongText).OverridePropertyName("Engagement.ImpactText");
        RuleFor(d => d.Engagement.Constraints).MaximumLength(IntakeData.LongText).OverridePropertyName("Engagement.Constraints");

        RuleFor(d => d.Hosts.Count).LessThanOrEqualTo(MaxHosts).OverridePropertyName("Hosts");
        RuleForEach(d => d.Hosts).ChildRules(host =>
        {
            host.RuleFor(h => h.Hostname).MaximumLength(253);
            host.RuleForEach(h => h.IpAddresses).Must(BeAnIpAddress).WithMessage("Enter IPv4 or IPv6 addresses, separated by commas.");
            host.RuleFor(h => h.OperatingSystem).MaximumLength(IntakeData.ShortText);
            host.RuleFor(h => h.Role).MaximumLength(IntakeData.ShortText);
            host.RuleFor(h => h.ExposedServices).MaximumLength(IntakeData.ShortText);
            host.RuleFor(h => h.SecuritySoftware).MaximumLength(IntakeData.ShortText);
            host.RuleFor(h => h.State).IsInEnum();
            host.RuleFor(h => h.Importance).IsInEnum();
        }).OverridePropertyName("Hosts");

        RuleForEach(d => d.Symptoms.Observed).ChildRules(symptom =>
        {
            symptom.RuleFor(s => s.Kind).IsInEnum();
            symptom.RuleFor(s => s.Details).MaximumLength(IntakeData.LongText);
        }).OverridePropertyName("Symptoms.Observed");
        RuleFor(d => d.Symptoms.AlertProduct).MaximumLength(IntakeData.ShortText).OverridePropertyName("Symptoms.AlertProduct");
        RuleFor(d => d.Symptoms.AlertText).MaximumLength(IntakeData.LongText).OverridePropertyName("Symptoms.AlertText");

        RuleFor(d => d.Timeline.TimeZone).Must(z => z is null || IsKnownTimeZone(z))
            .WithMessage("Choose a known time zone.").OverridePropertyName("Timeline.TimeZone");
        RuleFor(d => d.Timeline.FirstNoticed).Must((d, t) => NotInFuture(t, d.Timeline.TimeZone, clock))
            .WithMessage("This date cannot lie in the future.").OverridePropertyName("Timeline.FirstNoticed");
        RuleFor(d => d.Timeline.LastKnownGood).Must((d, t) => NotInFuture(t, d.Timeline.TimeZone, clock))
            .WithMessage("This date cannot lie in the future.").OverridePropertyName("Timeline.LastKnownGood");
        RuleFor(d => d.Timeline.ClientActed).Must((d, t) => NotInFuture(t, d.Timeline.TimeZone, clock))
            .WithMessage("This date cannot lie in the future.").OverridePropertyName("Timeline.ClientActed");
        RuleFor(d => d.Timeline.LastKnownGood).Must((d, t) => t is null || d.Timeline.FirstNoticed is null || t <= d.Timeline.FirstNoticed)
            .WithMessage("The last known good time must be before the incident was first noticed.").OverridePropertyName("Timeline.LastKnownGood");

        RuleForEach(d => d.Actions.Kinds).IsInEnum().OverridePropertyName("Actions.Kinds");
        RuleFor(d => d.Actions.Kinds).Must(k => k is null || !k.Contains(ActionKind.Nothing) || k.Count == 1)
            .WithMessage("'Nothing' cannot be combined with other actions.").OverridePropertyName("Actions.Kinds");
        RuleFor(d => d.Actions.Details).MaximumLength(IntakeData.LongText).OverridePropertyName("Actions.Details");

        RuleForEach(d => d.Evidence).ChildRules(e =>
        {
            e.RuleFor(x => x.Type).IsInEnum();
            e.RuleFor(x => x.Location).MaximumLength(IntakeData.ShortText);
            e.RuleFor(x => x.HeldBy).MaximumLength(IntakeData.ShortText);
        }).OverridePropertyName("Evidence");

        RuleFor(d => d.Ransomware.NoteText).MaximumLength(IntakeData.LongText).OverridePropertyName("Ransomware.NoteText");
        RuleFor(d => d.Ransomware.EncryptedExtension).MaximumLength(50).OverridePropertyName("Ransomware.EncryptedExtension");
        RuleFor(d => d.Ransomware.RansomAmount).GreaterThanOrEqualTo(0).OverridePropertyName("Ransomware.RansomAmount");
        RuleFor(d => d.Ransomware.Currency).MaximumLength(20).OverridePropertyName("Ransomware.Currency");
        RuleFor(d => d.Ransomware.WalletOrContact).MaximumLength(IntakeData.ShortText).OverridePropertyName("Ransomware.WalletOrContact");
        RuleFor(d => d.Ransomware.Family).MaximumLength(IntakeData.ShortText).OverridePropertyName("Ransomware.Family");
        RuleFor(d => d.Mining.ObservedCpuPercent).InclusiveBetween(0, 100).OverridePropertyName("Mining.ObservedCpuPercent");
        RuleFor(d => d.Mining.PoolOrWallet).MaximumLength(IntakeData.ShortText).OverridePropertyName("Mining.PoolOrWallet");
        RuleFor(d => d.Mining.CrontabEntries).MaximumLength(IntakeData.LongText).OverridePropertyName("Mining.CrontabEntries");
        RuleFor(d => d.Mining.MinerProcessNames).MaximumLength(IntakeData.ShortText).OverridePropertyName("Mining.MinerProcessNames");
    }

    public static bool BeAnIpAddress(string? text) =>
        text is not null && IPAddress.TryParse(text, out var ip) && ip.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6
        && (ip.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>Converts a local time in <paramref name="timeZone"/> (UTC when none) to UTC.</summary>
    public static DateTimeOffset? ToUtc(DateTime? local, string? timeZone)
    {
        if (local is not { } value)
        {
            return null;
        }

        var zone = timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static bool NotInFuture(DateTime? local, string? timeZone, TimeProvider clock) =>
        ToUtc(local, timeZone) is not { } utc || utc <= clock.GetUtcNow().AddMinutes(1);
}

using CaseManager.Domain.Intake;
using FluentValidation.Results;

namespace CaseManager.Application.Intake.Commands.SaveIntake;

/// <summary>What a submitted intake must contain (a draft may leave these open).</summary>
public static class IntakeCompletenessRules
{
    public static List<ValidationFailure> Check(IntakeData data, string prefix = "Data.")
    {
        var failures = new List<ValidationFailure>();
        void Require(bool ok, string property, string message)
        {
            if (!ok)
            {
                failures.Add(new ValidationFailure(prefix + property, message));
            }
        }

        Require(!string.IsNullOrWhiteSpace(data.Reporter.Name), "Reporter.Name", "Who reports the incident is required.");
        Require(!string.IsNullOrWhiteSpace(data.Reporter.Phone) || !string.IsNullOrWhiteSpace(data.Reporter.Email), "Reporter.Phone", "Give a phone number or an e-mail address.");
        Require(data.Engagement.HowReported is not null, "Engagement.HowReported", "Say how the incident was reported.");
        Require(data.Engagement.Urgency is not null, "Engagement.Urgency", "Choose an urgency.");
        Require(data.Hosts.Any(h => !string.IsNullOrWhiteSpace(h.Hostname) || h.IpAddresses is { Count: > 0 }), "Hosts", "Name at least one affected host (hostname or IP address).");
        Require(data.Symptoms.Observed is { Count: > 0 }, "Symptoms.Observed", "Tick at least one symptom.");
        Require(data.Timeline.FirstNoticed is not null, "Timeline.FirstNoticed", "When was the incident first noticed?");
        Require(!string.IsNullOrWhiteSpace(data.Timeline.TimeZone), "Timeline.TimeZone", "Choose the time zone of these times.");
        Require(data.Actions.Kinds is { Count: > 0 }, "Actions.Kinds", "Say what was already done (or 'Nothing').");
        return failures;
    }
}

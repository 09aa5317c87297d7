using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Analysis;

/// <summary>Grades an indicator: malicious-looking, suspicious, or the ordinary context every host has.</summary>
public interface IIndicatorRelevance
{
    IndicatorRelevance Classify(IndicatorType type, string value);
}

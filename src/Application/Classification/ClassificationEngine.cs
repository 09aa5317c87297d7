using CaseManager.Application.Analysis;
using CaseManager.Domain.Cases;
using CaseManager.Domain.Classification;
using CaseManager.Domain.Evidence;

namespace CaseManager.Application.Classification;

/// <summary>
/// Scores every incident type for a case from its intake symptoms, its evidence's findings and its indicators, with
/// the rules of <see cref="ClassificationRules"/>. Deterministic: the same case gives the same scores and rationale.
/// </summary>
public static class ClassificationEngine
{
    public static async Task<ClassificationSuggestion> SuggestAsync(
        IApplicationDbContext db, FindingPresenter presenter, CaseId caseId, CancellationToken cancellationToken)
    {
        var rules = ClassificationRules.Default;
        var signals = new List<(IncidentType Type, ClassificationSignal Signal)>();

        var intake = await db.Intakes.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => i.Data).SingleOrDefaultAsync(cancellationToken);
        foreach (var symptom in (intake?.Symptoms.Observed ?? []).Select(s => s.Kind).Distinct().Order())
        {
            foreach (var (type, weight) in rules.Symptoms.GetValueOrDefault(symptom) ?? new Dictionary<IncidentType, int>())
            {
                signals.Add((type, new ClassificationSignal(SignalSource.Symptom, symptom.ToString(), symptom.ToString(), weight)));
            }
        }

        var evidence = db.Evidence.Where(e => e.CaseId == caseId);
        var findings = await db.EvidenceFindings.AsNoTracking()
            .Join(evidence, f => f.EvidenceId, e => e.Id, (f, e) => new { Finding = f, EvidenceId = e.Id, e.OriginalName, e.Analyser })
            .OrderBy(f => f.Finding.Id)
            .ToListAsync(cancellationToken);
        string? family = null;
        foreach (var group in findings.GroupBy(f => (f.EvidenceId, f.Finding.Code)))
        {
            var first = group.OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Id).First();
            if (rules.FamilyCodes.Contains(first.Finding.Code) && family is null)
            {
                // A family is a name (xmrig, lockbit), not a tell-tale option such as --donate-level.
                family = group.SelectMany(f => FindingJson.Arguments(f.Finding.Arguments))
                    .Where(a => a.Name == "name")
                    .SelectMany(a => a.Values)
                    .FirstOrDefault(v => v.Length > 1 && char.IsLetter(v[0]));
            }

            if (!rules.Findings.TryGetValue(first.Finding.Code, out var weights))
            {
                continue;
            }

            var view = presenter.Present(first.Finding);
            foreach (var (type, weight) in weights)
            {
                signals.Add((type, new ClassificationSignal(
                    SignalSource.Finding, first.Finding.Code, view.Title, weight, first.EvidenceId.Value, first.OriginalName, first.Analyser, view.Reference, first.Finding.Id)));
            }
        }

        var indicatorTypes = await db.EvidenceIndicators.AsNoTracking()
            .Join(evidence, i => i.EvidenceId, e => e.Id, (i, e) => i)
            .Where(i => i.Relevance != IndicatorRelevance.Context)
            .Select(i => i.Type)
            .Distinct()
            .ToListAsync(cancellationToken);
        foreach (var indicatorType in indicatorTypes.Order())
        {
            foreach (var (type, weight) in rules.Indicators.GetValueOrDefault(indicatorType) ?? new Dictionary<IncidentType, int>())
            {
                signals.Add((type, new ClassificationSignal(SignalSource.Indicator, indicatorType.ToString(), indicatorType.ToString(), weight)));
            }
        }

        var scores = Enum.GetValues<IncidentType>()
            .Select(type =>
            {
                var rationale = signals.Where(s => s.Type == type).Select(s => s.Signal)
                    .OrderByDescending(s => s.Weight).ThenBy(s => s.Source).ThenBy(s => s.Code, StringComparer.Ordinal).ThenBy(s => s.EvidenceName, StringComparer.Ordinal)
                    .ToList();
                return new TypeScore(type, type.Key(), rationale.Sum(s => s.Weight), rationale);
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.Type)
            .ToList();
        return new ClassificationSuggestion(scores, family);
    }
}
